package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.connection.Config;
import org.layer45.connection.ServerConnection;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;

/**
 * Our TLS 1.3 server against GnuTLS's {@code gnutls-cli} (Debian gnutls-bin 3.7): every suite ×
 * group, and resumption. The other direction (our client against {@code gnutls-serv}, which listens
 * on all interfaces but is only dialled on 127.0.0.1) is {@link GnuTlsServerInteropTest}; more
 * features of this direction are in {@link GnuTlsClientFeaturesTest}.
 */
@Timeout(60)
class GnuTlsInteropTest {
    private static String gnutlsCli;
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        gnutlsCli = GnuTlsPeer.require().cli;
        pki = TestPki.get();
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        String[][] suites = {{"TLS_AES_128_GCM_SHA256", "AES-128-GCM"}, {"TLS_AES_256_GCM_SHA384", "AES-256-GCM"},
            {"TLS_CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305"}};
        String[][] groups = {{"x25519", "X25519"}, {"secp256r1", "SECP256R1"}, {"secp384r1", "SECP384R1"}};
        for (String[] s : suites) {
            for (String[] g : groups) {
                out.add(Arguments.of(CipherSuite.byName(s[0]), s[1], NamedGroup.byName(g[0]), g[1]));
            }
        }
        return out.stream();
    }

    private static Config serverConfig() throws Exception {
        CertifiedKey key = CertifiedKey.of(pki.certificates("server-ec.pem"), pki.privateKey("server-ec"));
        return Config.builder().certificateSelector(CertificateSelector.fixed(key)).build();
    }

    /** Serves {@code connections} gnutls-cli connections; returns gnutls-cli's output. */
    private static String serve(Config config, int connections, List<String> extraArgs, List<SessionInfo> sessions)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> cmd = new ArrayList<>(List.of(gnutlsCli, "127.0.0.1", "--port=" + listener.getLocalPort(),
                    "--x509cafile=ca.pem", "--verify-hostname=localhost", "--sni-hostname=localhost"));
            cmd.addAll(extraArgs);
            try (PeerProcess client = PeerProcess.start(pki.dir, cmd)) {
                client.stdin().write("hello from gnutls\n".getBytes(StandardCharsets.US_ASCII));
                client.stdin().flush();
                listener.setSoTimeout(10_000);
                for (int i = 0; i < connections; i++) {
                    try (Socket socket = listener.accept();
                            SocketDriver driver = new SocketDriver(socket, new ServerConnection(config))) {
                        driver.handshake();
                        sessions.add(driver.connection().session());
                        if (i == connections - 1) {
                            String got = driver.readUntil("hello from gnutls", 10_000);
                            assertTrue(got.contains("hello from gnutls"), "received: " + got);
                            driver.write("hello from layer45\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
                client.stdin().close();
                int rc = client.waitFor(10_000);
                assertEquals(0, rc, client.output());
                return client.output();
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("suitesAndGroups")
    void gnutlsClientAgainstOurServer(CipherSuite suite, String gnutlsCipher, NamedGroup group, String gnutlsGroup)
            throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 " + suite.name() + " " + group.name() + " ec-cert");
        List<SessionInfo> sessions = new ArrayList<>();
        String priority = "--priority=NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+" + gnutlsCipher
                + ":-GROUP-ALL:+GROUP-" + gnutlsGroup;
        String out = serve(serverConfig(), 1, List.of(priority), sessions);

        assertTrue(out.contains("Handshake was completed"), out);
        assertTrue(out.contains("(TLS1.3-X.509)"), out);
        assertTrue(out.contains("hello from layer45"), out);
        assertEquals(suite, sessions.get(0).suite());
        assertEquals(group, sessions.get(0).group());
    }

    @Test
    void gnutlsClientResumesWithOurTicket() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 resumption (PSK from ticket)");
        List<SessionInfo> sessions = new ArrayList<>();
        String out = serve(serverConfig(), 2, List.of("--resume"), sessions);

        assertTrue(out.contains("This is a resumed session"), out);
        assertFalse(sessions.get(0).resumed());
        assertTrue(sessions.get(1).resumed());
    }
}
