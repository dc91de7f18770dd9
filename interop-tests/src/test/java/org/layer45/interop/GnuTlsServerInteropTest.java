package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.ConnectionEvent;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;

/**
 * Our client against GnuTLS's {@code gnutls-serv} (3.7): TLS 1.3 suites × groups, TLS 1.2 suites,
 * ECDSA / RSA / Ed25519 certificates, HelloRetryRequest, resumption (gnutls-serv's own "This is a
 * resumed session"), client authentication, ALPN, SNI, and a KeyUpdate that gnutls-serv answers.
 * gnutls-serv listens on all interfaces (no bind option); we only ever connect to 127.0.0.1.
 */
@Timeout(60)
class GnuTlsServerInteropTest {
    private static GnuTlsPeer gnutls;

    @BeforeAll
    static void setUp() throws Exception {
        gnutls = GnuTlsPeer.require();
    }

    private static String get(int port, Config config, AtomicReference<SessionInfo> session) throws Exception {
        return SocketDriver.fetch(port, config, session, "GET / HTTP/1.0\r\n\r\n");
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("org.layer45.interop.GnuTlsPeer#tls13SuitesAndGroups")
    void ourClientAgainstGnuTlsServer(CipherSuite suite, String cipher, NamedGroup group, String gnutlsGroup)
            throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 " + suite.name() + " " + group.name() + " ec-cert");
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http", GnuTlsPeer.priority("1.3",
                "-CIPHER-ALL", "+" + cipher, "-GROUP-ALL", "+GROUP-" + gnutlsGroup)))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = get(port, gnutls.clientConfig().build(), session);

            assertTrue(page.contains("GnuTLS"), page);
            server.awaitOutput("- Description: (TLS1.3-X.509)-(ECDHE-" + gnutlsGroup + ")-(ECDSA-SECP256R1-SHA256)-("
                    + cipher + ")", 5_000);
            assertEquals(suite, session.get().suite());
            assertEquals(group, session.get().group());
        }
    }

    @ParameterizedTest(name = "{0}-cert")
    @ValueSource(strings = {"ec", "rsa", "ed25519"})
    void serverCertificateTypes(String cert) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 " + cert + "-cert");
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, cert, List.of("--http"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            get(port, gnutls.clientConfig().build(), session);
            SignatureScheme expected = switch (cert) {
                case "ec" -> SignatureScheme.ECDSA_SECP256R1_SHA256;
                case "rsa" -> SignatureScheme.RSA_PSS_RSAE_SHA256;
                default -> SignatureScheme.ED25519;
            };
            String gnutlsName = switch (cert) {
                case "ec" -> "ECDSA-SECP256R1-SHA256";
                case "rsa" -> "RSA-PSS-RSAE-SHA256";
                default -> "EdDSA-Ed25519";
            };
            server.awaitOutput("- Server Signature: " + gnutlsName, 5_000);
            assertEquals(expected, session.get().signatureScheme());
        }
    }

    static Stream<Arguments> suites12() {
        return Stream.of(
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "AES-128-GCM", "ECDHE-ECDSA", "ec"),
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "AES-256-GCM", "ECDHE-ECDSA", "ec"),
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "CHACHA20-POLY1305",
                        "ECDHE-ECDSA", "ec"),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "AES-128-GCM", "ECDHE-RSA", "rsa"),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "AES-256-GCM", "ECDHE-RSA", "rsa"),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "CHACHA20-POLY1305", "ECDHE-RSA",
                        "rsa"));
    }

    @ParameterizedTest(name = "TLS 1.2 {0}")
    @MethodSource("suites12")
    void tls12Suites(CipherSuite suite, String cipher, String kx, String cert) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.2 " + suite.name() + " " + cert + "-cert");
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, cert, List.of("--http",
                GnuTlsPeer.priority("1.2", "-CIPHER-ALL", "+" + cipher, "-KX-ALL", "+" + kx)))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            get(port, gnutls.clientConfig().build(), session);
            server.awaitOutput("- Version: TLS1.2", 5_000).awaitOutput("- Cipher: " + cipher, 5_000);
            assertEquals(ProtocolVersion.TLS12, session.get().version());
            assertEquals(suite, session.get().suite());
        }
    }

    @Test
    void helloRetryRequestFromGnuTlsServer() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 HelloRetryRequest (server wants P-384, we shared x25519)");
        int port = Peers.freePort();
        // -d 4 makes gnutls-serv log each handshake message it receives: two ClientHellos mean it sent an HRR.
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http", "-d", "4",
                "--priority=NORMAL:-GROUP-ALL:+GROUP-SECP384R1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            get(port, gnutls.clientConfig().build(), session);
            server.awaitOutput("Using curve: SECP384R1", 5_000);
            long hellos = server.output().lines().filter(l -> l.contains("CLIENT HELLO (1) was received")).count();
            assertEquals(2, hellos, server.output());
            assertEquals(NamedGroup.SECP384R1, session.get().group());
            // RFC 8446 §4.4.1: after a HelloRetryRequest the transcript starts with message_hash.
            assertEquals(HandshakeType.MESSAGE_HASH, (int) session.get().handshakeMessages().get(0));
        }
    }

    @ParameterizedTest(name = "resumption TLS {0}")
    @ValueSource(strings = {"1.3", "1.2"})
    void resumption(String version) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS" + version + " resumption"
                + (version.equals("1.3") ? " (PSK from ticket)" : " (ticket)"));
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http", GnuTlsPeer.priority(version)))) {
            Config config = gnutls.clientConfig().ticketStore(new InMemoryTicketStore()).build();
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            get(port, config, session);
            assertFalse(session.get().resumed());
            assertFalse(server.output().contains(GnuTlsPeer.RESUMED), server.output());

            get(port, config, session);
            assertTrue(session.get().resumed());
            server.awaitOutput(GnuTlsPeer.RESUMED, 5_000);
        }
    }

    @Test
    void clientAuthentication() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 client auth");
        InteropMatrix.also(GnuTlsPeer.SERVER, "TLS1.3 client auth: no certificate refused");
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http", "--x509cafile=ca.pem",
                "--require-client-cert", "--verify-client-cert"))) {
            Config withCert = gnutls.clientConfig()
                    .certificateSelector(CertificateSelector.fixed(gnutls.certifiedKey("client-rsa"))).build();
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = get(port, withCert, session);
            assertTrue(page.contains("TLS1.3"), page);
            server.awaitOutput("- Status: The certificate is trusted.", 5_000)
                    .awaitOutput("Subject: CN=interop_client", 5_000);

            // TLS 1.3: the refusal (alert certificate_required) comes after our Finished, on the first read.
            assertThrows(TlsFailure.class, () -> get(port, gnutls.clientConfig().build(), session));
            server.awaitOutput("Certificate is required", 5_000);
        }
    }

    @ParameterizedTest(name = "ALPN {0}")
    @ValueSource(strings = {"h2", "http/1.1"})
    void alpn(String protocol) throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 ALPN " + protocol);
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http", "--alpn=" + protocol))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            get(port, gnutls.clientConfig().alpnProtocols(List.of("h2", "http/1.1")).build(), session);
            server.awaitOutput("- Application protocol: " + protocol, 5_000);
            assertEquals(protocol, session.get().alpn());
        }
    }

    @Test
    void sniSelectsTheCertificate() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 SNI (server picks the certificate by name)");
        int port = Peers.freePort();
        // Two certificates: gnutls-serv serves the one whose name matches the client's SNI.
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http", "--x509certfile=server-sni.pem",
                "--x509keyfile=server-sni.key"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            get(port, gnutls.clientConfig().serverName("sni.localhost").build(), session);
            server.awaitOutput("Given server name[1]: sni.localhost", 5_000);
            assertEquals(gnutls.pki.certificates("server-sni.pem").get(0), session.get().peerCertificates().get(0));
        }
    }

    @Test
    void gnutlsServerAnswersOurKeyUpdate() throws Exception {
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 KeyUpdate (Layer45 initiates, server answers)");
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--echo", "-d", "4"));
                SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                        new ClientConnection(gnutls.clientConfig().build()))) {
            driver.handshake();
            driver.write("before\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(driver.readUntil("before\n", 5_000).contains("before\n"));
            // RFC 8446 §4.6.3: update_requested, so the server must send a KeyUpdate of its own.
            driver.connection().requestKeyUpdate(true);
            driver.flush();
            driver.write("after\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(driver.readUntil("after\n", 5_000).contains("after\n"), driver.receivedText());
            assertTrue(sawKeyUpdate(driver), "the server's KeyUpdate changed our read keys");
            server.awaitOutput("received TLS 1.3 key update (1)", 5_000).awaitOutput("sending key update (0)", 5_000);
        }
    }

    private static boolean sawKeyUpdate(SocketDriver driver) {
        ConnectionEvent e;
        boolean seen = false;
        while ((e = driver.connection().pollEvent()) != null) {
            seen |= e instanceof ConnectionEvent.KeyUpdated k && k.read();
        }
        return seen;
    }
}
