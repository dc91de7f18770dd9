package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.connection.Config;
import org.layer45.connection.ConnectionEvent;
import org.layer45.connection.ServerConnection;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * Our server against GnuTLS's {@code gnutls-cli} beyond the TLS 1.3 suite grid of
 * {@link GnuTlsInteropTest}: TLS 1.2 suites and resumption, RSA and Ed25519 certificates, client
 * authentication (accepted and refused), ALPN, SNI, HelloRetryRequest, and key updates typed as
 * gnutls-cli inline commands ({@code ^rekey^}: update and ask us to update; {@code ^rekey1^}: its
 * own keys only).
 */
@Timeout(60)
class GnuTlsClientFeaturesTest {
    private static GnuTlsPeer gnutls;

    @BeforeAll
    static void setUp() throws Exception {
        gnutls = GnuTlsPeer.require();
    }

    static Stream<Arguments> suites12() {
        return GnuTlsServerInteropTest.suites12();
    }

    @ParameterizedTest(name = "TLS 1.2 {0}")
    @MethodSource("suites12")
    void tls12Suites(CipherSuite suite, String cipher, String kx, String cert) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.2 " + suite.name() + " " + cert + "-cert");
        List<SessionInfo> sessions = new ArrayList<>();
        String out = gnutls.serve(gnutls.serverConfig(cert).build(), 1,
                List.of(GnuTlsPeer.priority("1.2", "-CIPHER-ALL", "+" + cipher, "-KX-ALL", "+" + kx)), sessions);
        // e.g. "- Description: (TLS1.2-X.509)-(ECDHE-X25519)-(ECDSA-SHA256)-(AES-128-GCM)"
        String signature = kx.equals("ECDHE-ECDSA") ? "ECDSA-" : "RSA-";
        assertTrue(out.lines().anyMatch(l -> l.startsWith("- Description: (TLS1.2-X.509)-(ECDHE-")
                && l.contains(")-(" + signature) && l.endsWith("-(" + cipher + ")")), out);
        assertTrue(out.contains("hello from layer45"), out);
        assertEquals(suite, sessions.get(0).suite());
    }

    @Test
    void tls12Resumption() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.2 resumption (ticket)");
        List<SessionInfo> sessions = new ArrayList<>();
        String out = gnutls.serve(gnutls.serverConfig("ec").build(), 2,
                List.of(GnuTlsPeer.priority("1.2"), "--resume"), sessions);
        assertTrue(out.contains(GnuTlsPeer.RESUMED), out);
        assertEquals(ProtocolVersion.TLS12, sessions.get(1).version());
        assertFalse(sessions.get(0).resumed());
        assertTrue(sessions.get(1).resumed());
    }

    @ParameterizedTest(name = "{0}-cert")
    @ValueSource(strings = {"rsa", "ed25519"})
    void serverCertificateTypes(String cert) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 " + cert + "-cert");
        List<SessionInfo> sessions = new ArrayList<>();
        String out = gnutls.serve(gnutls.serverConfig(cert).build(), 1, List.of(), sessions);
        String scheme = cert.equals("rsa") ? "(RSA-PSS-RSAE-SHA256)" : "(EdDSA-Ed25519)";
        assertTrue(out.contains("- Description: (TLS1.3-X.509)-(ECDHE-") && out.contains(scheme), out);
    }

    @Test
    void clientAuthentication() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 client auth");
        Config config = gnutls.clientAuthServerConfig().build();
        List<SessionInfo> sessions = new ArrayList<>();
        gnutls.serve(config, 1, List.of("--x509certfile=client-ec.pem", "--x509keyfile=client-ec.key"), sessions);
        assertEquals(gnutls.pki.certificates("client-ec.pem").get(0), sessions.get(0).peerCertificates().get(0));
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 client auth: no certificate refused (alert 116)");
        Config config = gnutls.clientAuthServerConfig().build();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.start(gnutls.pki.dir,
                        gnutls.clientCommand(listener.getLocalPort(), List.of()))) {
            client.stdin().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            client.stdin().flush();
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(config))) {
                try {
                    driver.handshake();
                } catch (TlsFailure expected) {
                    assertEquals(AlertDescription.CERTIFICATE_REQUIRED, expected.alert());
                }
                assertNotNull(driver.connection().failure());
                assertEquals(AlertDescription.CERTIFICATE_REQUIRED, driver.connection().failure().alert());
            }
            client.stdin().close();
            assertEquals(1, client.waitFor(10_000), client.output());
            assertTrue(client.output().contains("Received alert [116]"), client.output());
        }
    }

    @ParameterizedTest(name = "ALPN {0}")
    @ValueSource(strings = {"h2", "http/1.1"})
    void alpn(String protocol) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 ALPN " + protocol);
        List<SessionInfo> sessions = new ArrayList<>();
        String out = gnutls.serve(gnutls.serverConfig("ec").alpnProtocols(List.of(protocol)).build(), 1,
                List.of("--alpn=h2", "--alpn=http/1.1"), sessions);
        assertTrue(out.contains("- Application protocol: " + protocol), out);
        assertEquals(protocol, sessions.get(0).alpn());
    }

    @Test
    void sniSelectsOurCertificate() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 SNI (Layer45 picks the certificate by name)");
        var sni = gnutls.certifiedKey("server-sni");
        var fallback = gnutls.certifiedKey("server-ec");
        Config config = Config.builder().certificateSelector((role, names, schemes, certSchemes) ->
                names.contains("sni.localhost") ? sni : fallback).build();
        List<SessionInfo> sessions = new ArrayList<>();
        String out = gnutls.serve(config, 1, List.of("--sni-hostname=sni.localhost",
                "--verify-hostname=sni.localhost"), sessions);
        assertTrue(out.contains("subject `CN=sni.localhost'"), out);
        assertEquals("sni.localhost", sessions.get(0).serverName());
    }

    @Test
    void helloRetryRequestToGnuTlsClient() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 HelloRetryRequest (client shared P-384, we want P-256)");
        Config config = gnutls.serverConfig("ec").groups(List.of(NamedGroup.SECP256R1)).build();
        List<SessionInfo> sessions = new ArrayList<>();
        // -d 4: gnutls-cli logs the HelloRetryRequest it receives.
        String out = gnutls.serve(config, 1, List.of("-d", "4",
                "--priority=NORMAL:-GROUP-ALL:+GROUP-SECP384R1:+GROUP-SECP256R1"), sessions);
        assertTrue(out.contains("HELLO RETRY REQUEST (1025) was received"), out);
        assertEquals(NamedGroup.SECP256R1, sessions.get(0).group());
        assertEquals(HandshakeType.MESSAGE_HASH, (int) sessions.get(0).handshakeMessages().get(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"^rekey^", "^rekey1^"})
    void keyUpdateFromGnuTlsClient(String command) throws Exception {
        boolean askedToUpdate = command.equals("^rekey^");
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 KeyUpdate (client " + command
                + (askedToUpdate ? ", Layer45 answers" : ", own keys only") + ")");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.start(gnutls.pki.dir,
                        gnutls.clientCommand(listener.getLocalPort(), List.of("--inline-commands")))) {
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(
                            gnutls.serverConfig("ec").build()))) {
                driver.handshake();
                // gnutls-cli reads stdin only after its handshake; one line per read.
                line(client, "hello");
                assertTrue(driver.readUntil("hello\n", 5_000).contains("hello\n"), driver.receivedText());
                line(client, command);
                List<ConnectionEvent.KeyUpdated> updates = driver.awaitKeyUpdates(askedToUpdate ? 2 : 1, 5_000);
                assertTrue(updates.stream().anyMatch(ConnectionEvent.KeyUpdated::read), updates.toString());
                assertEquals(askedToUpdate, updates.stream().anyMatch(u -> !u.read()), updates.toString());
                line(client, "after");
                assertTrue(driver.readUntil("after\n", 5_000).contains("after\n"), driver.receivedText());
                driver.write("reply under new keys\n".getBytes(StandardCharsets.US_ASCII));
            }
            client.stdin().close();
            client.waitFor(10_000);
            assertTrue(client.output().contains("Rekey was completed"), client.output());
            assertTrue(client.output().contains("reply under new keys"), client.output());
        }
    }

    private static void line(PeerProcess p, String text) throws Exception {
        p.stdin().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        p.stdin().flush();
        Thread.sleep(100); // keep lines in separate reads: gnutls-cli matches a command at a read's start
    }
}
