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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.ServerConnection;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * The TLS 1.3 core against the real OpenSSL (Debian's {@code openssl} 3.0): our sans-I/O client
 * against {@code openssl s_server}, and our server against {@code openssl s_client}, over loopback
 * sockets, for every suite and the groups OpenSSL 3.0 has (it has no X25519MLKEM768, so our default
 * client offer exercises HelloRetryRequest whenever the server insists on another group).
 */
@Timeout(60)
class OpenSslInteropTest {
    private static OpenSslPeer openssl;
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        openssl = OpenSslPeer.require();
        pki = openssl.pki;
    }

    static Stream<Arguments> suitesGroupsCerts() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.TLS13_ALL) {
            for (String group : List.of("X25519", "P-256", "P-384")) {
                for (String cert : List.of("ec", "rsa")) {
                    out.add(Arguments.of(suite, group, cert));
                }
            }
        }
        return out.stream();
    }

    private static NamedGroup groupOf(String opensslName) {
        return switch (opensslName) {
            case "X25519" -> NamedGroup.X25519;
            case "P-256" -> NamedGroup.SECP256R1;
            case "P-384" -> NamedGroup.SECP384R1;
            default -> throw new IllegalArgumentException(opensslName);
        };
    }

    /** {@code s_server -www -tls1_3} (the status page shows the server's view) with {@code extra}. */
    private static PeerProcess startServer(int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("-www", "-tls1_3"));
        args.addAll(List.of(extra));
        return openssl.server(port, args);
    }

    @ParameterizedTest(name = "client {0} {1} {2}-cert")
    @MethodSource("suitesGroupsCerts")
    void ourClientAgainstOpenSslServer(CipherSuite suite, String group, String cert) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 " + suite.name() + " " + groupOf(group).name() + " " + cert + "-cert");
        int port = Peers.freePort();
        try (PeerProcess server = startServer(port, "-cert", "server-" + cert + ".pem", "-key",
                "server-" + cert + ".key", "-ciphersuites", suite.name(), "-groups", group, "-naccept", "1")) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = openssl.fetch(port, openssl.clientConfig().build(), session);

            assertTrue(page.contains("New, TLSv1.3, Cipher is " + suite.name()), page);
            assertEquals(ProtocolVersion.TLS13, session.get().version());
            assertEquals(suite, session.get().suite());
            assertEquals(groupOf(group), session.get().group());
            assertFalse(session.get().resumed());
        }
    }

    @Test
    void ourClientResumesWithOpenSslTicket() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 resumption (PSK from ticket)");
        int port = Peers.freePort();
        try (PeerProcess server = startServer(port, "-cert", "server-ec.pem", "-key", "server-ec.key",
                "-naccept", "2")) {
            Config config = openssl.clientConfig().ticketStore(new InMemoryTicketStore()).build();
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String first = openssl.fetch(port, config, session);
            assertTrue(first.contains("New, TLSv1.3"), first);
            assertFalse(session.get().resumed());

            String second = openssl.fetch(port, config, session);
            assertTrue(second.contains("Reused, TLSv1.3"), second);
            assertTrue(session.get().resumed(), "the second handshake used the ticket");
        }
    }

    @Test
    void ourClientAuthenticatesToOpenSslServer() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 client auth");
        int port = Peers.freePort();
        try (PeerProcess server = startServer(port, "-cert", "server-rsa.pem", "-key", "server-rsa.key",
                "-Verify", "1", "-CAfile", "ca.pem", "-verify_return_error", "-naccept", "1")) {
            CertifiedKey clientKey = openssl.certifiedKey("client-ec");
            Config config = openssl.clientConfig().certificateSelector(CertificateSelector.fixed(clientKey)).build();
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = openssl.fetch(port, config, session);

            assertTrue(page.contains("New, TLSv1.3"), page);
            assertEquals(1, session.get().localCertificates().size());
        }
    }

    @Test
    void keyUpdateBothWaysWithOpenSslServer() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 KeyUpdate (Layer45 initiates, update_requested)");
        int port = Peers.freePort();
        try (PeerProcess server = startServer(port, "-cert", "server-ec.pem", "-key", "server-ec.key",
                "-naccept", "1");
                SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                        new ClientConnection(openssl.clientConfig().build()))) {
            driver.handshake();
            // RFC 8446 §4.6.3: update our keys and ask the server to update its own.
            driver.connection().requestKeyUpdate(true);
            driver.flush();
            driver.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = driver.readToEnd();
            assertTrue(page.contains("New, TLSv1.3"), "the page arrived under the server's new keys: " + page);
        }
    }

    @ParameterizedTest(name = "server {0} {1} {2}-cert")
    @MethodSource("suitesGroupsCerts")
    void openSslClientAgainstOurServer(CipherSuite suite, String group, String cert) throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 " + suite.name() + " " + groupOf(group).name() + " " + cert + "-cert");
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(openssl.serverConfig(cert).build(),
                List.of("-tls1_3", "-ciphersuites", suite.name(), "-groups", group, "-brief"), session);

        assertTrue(out.contains("Protocol version: TLSv1.3"), out);
        assertTrue(out.contains("Ciphersuite: " + suite.name()), out);
        assertTrue(out.contains("Verification: OK"), out);
        assertTrue(out.contains("hello from layer45"), out);
        assertEquals(suite, session.get().suite());
        assertEquals(groupOf(group), session.get().group());
    }

    @Test
    void openSslClientResumesWithOurTicket() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 resumption (PSK from ticket)");
        Config config = openssl.serverConfig("ec").build();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String sessionFile = "sess-" + System.nanoTime() + ".pem";
        String first = openssl.serveOne(config, List.of("-tls1_3", "-sess_out", sessionFile), session);
        assertTrue(first.contains("New, TLSv1.3"), first);
        assertFalse(session.get().resumed());

        String second = openssl.serveOne(config, List.of("-tls1_3", "-sess_in", sessionFile), session);
        assertTrue(second.contains("Reused, TLSv1.3"), second);
        assertTrue(session.get().resumed());
    }

    @Test
    void openSslClientAuthenticatesToOurServer() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 client auth");
        Config config = openssl.clientAuthServerConfig().build();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(config, List.of("-tls1_3", "-cert", "client-rsa.pem", "-key", "client-rsa.key",
                "-brief"), session);
        assertTrue(out.contains("Protocol version: TLSv1.3"), out);
        // s_client completes the chain from -CAfile, so the root may follow the leaf.
        assertFalse(session.get().peerCertificates().isEmpty());
        assertEquals(pki.certificates("client-rsa.pem").get(0), session.get().peerCertificates().get(0));
    }

    @Test
    void ourServerRejectsOpenSslClientWithoutCertificate() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 client auth: no certificate refused (alert 116)");
        Config config = openssl.clientAuthServerConfig().build();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> cmd = List.of(openssl.openssl, "s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                    "-CAfile", "ca.pem", "-tls1_3", "-servername", "localhost");
            try (PeerProcess client = PeerProcess.start(pki.dir, cmd)) {
                client.stdin().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                client.stdin().flush();
                listener.setSoTimeout(10_000);
                try (Socket socket = listener.accept();
                        SocketDriver driver = new SocketDriver(socket, new ServerConnection(config))) {
                    try {
                        driver.handshake();
                        driver.readUntil("hello", 5_000);
                    } catch (org.layer45.error.TlsFailure expected) {
                        assertEquals(org.layer45.error.AlertDescription.CERTIFICATE_REQUIRED, expected.alert());
                    }
                    assertEquals(org.layer45.error.AlertDescription.CERTIFICATE_REQUIRED,
                            driver.connection().failure().alert());
                }
                client.stdin().close();
                client.waitFor(10_000);
                // INTEROP.md §1: OpenSSL reports the TLS 1.3 client-auth failure as this alert text.
                assertTrue(client.output().contains("certificate required"), client.output());
            }
        }
    }
}
