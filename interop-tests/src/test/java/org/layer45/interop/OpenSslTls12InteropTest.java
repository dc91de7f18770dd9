package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.connection.Config;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * TLS 1.2 against the real OpenSSL 3.0, both roles: every ECDHE AEAD suite (ECDSA suites with the
 * P-256 certificate, RSA suites with the RSA-2048 one), each group, client authentication, session-ID
 * and ticket resumption (RFC 5246 §7.3, RFC 5077) proven by OpenSSL's own "Reused" report, and ALPN.
 * Our side runs with its defaults (TLS 1.3 and 1.2 enabled) against a peer limited to TLS 1.2, so the
 * version negotiation and the downgrade sentinel check (RFC 8446 §4.1.3) run every time.
 */
@Timeout(60)
class OpenSslTls12InteropTest {
    private static OpenSslPeer openssl;

    @BeforeAll
    static void setUp() throws Exception {
        openssl = OpenSslPeer.require();
    }

    /** Our suite, OpenSSL's name for it, and the certificate it needs. */
    static Stream<Arguments> suites() {
        return Stream.of(
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256", "ec"),
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "ECDHE-ECDSA-AES256-GCM-SHA384", "ec"),
                Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-ECDSA-CHACHA20-POLY1305",
                        "ec"),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256", "rsa"),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "ECDHE-RSA-AES256-GCM-SHA384", "rsa"),
                Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-RSA-CHACHA20-POLY1305",
                        "rsa"));
    }

    private static NamedGroup group(String opensslName) {
        return switch (opensslName) {
            case "X25519" -> NamedGroup.X25519;
            case "P-256" -> NamedGroup.SECP256R1;
            default -> NamedGroup.SECP384R1;
        };
    }

    private static List<String> args(String... extra) {
        List<String> out = new ArrayList<>(List.of("-tls1_2"));
        out.addAll(List.of(extra));
        return out;
    }

    private static List<String> concat(List<String> base, String... extra) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(extra));
        return out;
    }

    @ParameterizedTest(name = "client {0}")
    @MethodSource("suites")
    void ourClientAgainstOpenSslServer(CipherSuite suite, String opensslSuite, String cert) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.2 " + suite.name() + " " + cert + "-cert");
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, args("-www", "-cipher", opensslSuite, "-cert",
                "server-" + cert + ".pem", "-key", "server-" + cert + ".key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = openssl.fetch(port, openssl.clientConfig().build(), session);

            assertTrue(page.contains("New, TLSv1.2, Cipher is " + opensslSuite), page);
            assertTrue(page.contains("Extended master secret: yes"), page); // RFC 7627, always offered
            assertEquals(ProtocolVersion.TLS12, session.get().version());
            assertEquals(suite, session.get().suite());
        }
    }

    @ParameterizedTest(name = "server {0}")
    @MethodSource("suites")
    void openSslClientAgainstOurServer(CipherSuite suite, String opensslSuite, String cert) throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.2 " + suite.name() + " " + cert + "-cert");
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(openssl.serverConfig(cert).build(), args("-cipher", opensslSuite, "-brief"),
                session);

        assertTrue(out.contains("Protocol version: TLSv1.2"), out);
        assertTrue(out.contains("Ciphersuite: " + opensslSuite), out);
        assertTrue(out.contains("Verification: OK"), out);
        assertTrue(out.contains("hello from layer45"), out);
        assertEquals(suite, session.get().suite());
    }

    // RFC 8422 §5.1: with ECDHE_ECDSA the certificate's curve must be one the client supports, so the
    // group tests use the RSA certificate and an ECDHE_RSA suite.
    @ParameterizedTest(name = "client group {0}")
    @ValueSource(strings = {"X25519", "P-256", "P-384"})
    void ourClientUsesTheOnlyGroupOpenSslServerAllows(String group) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.2 group " + group(group).name());
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, args("-www", "-groups", group, "-cert", "server-rsa.pem",
                "-key", "server-rsa.key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = openssl.fetch(port, openssl.clientConfig().build(), session);

            assertTrue(page.contains("New, TLSv1.2"), page);
            assertEquals(group(group), session.get().group());
        }
    }

    @ParameterizedTest(name = "server group {0}")
    @ValueSource(strings = {"X25519", "P-256", "P-384"})
    void openSslClientGetsItsOnlyGroupFromOurServer(String group) throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.2 group " + group(group).name());
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(openssl.serverConfig("rsa").build(), args("-groups", group, "-brief"), session);

        String temp = group.equals("X25519") ? "Server Temp Key: X25519"
                : "Server Temp Key: ECDH, " + (group.equals("P-256") ? "prime256v1" : "secp384r1");
        assertTrue(out.contains(temp), out);
        assertEquals(group(group), session.get().group());
    }

    @ParameterizedTest(name = "client resumes by {0}")
    @ValueSource(strings = {"session-id", "ticket"})
    void ourClientResumesWithOpenSslServer(String how) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.2 resumption (" + how + ")");
        int port = Peers.freePort();
        List<String> a = args("-www", "-cert", "server-ec.pem", "-key", "server-ec.key", "-naccept", "2");
        if (how.equals("session-id")) {
            a.add("-no_ticket"); // RFC 5077 §3.4 off: OpenSSL resumes from its session cache by id
        }
        try (PeerProcess server = openssl.server(port, a)) {
            Config config = openssl.clientConfig().ticketStore(new InMemoryTicketStore()).build();
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String first = openssl.fetch(port, config, session);
            assertTrue(first.contains("New, TLSv1.2"), first);
            assertFalse(session.get().resumed());
            byte[] firstId = session.get().sessionId();

            String second = openssl.fetch(port, config, session);
            assertTrue(second.contains("Reused, TLSv1.2"), second);
            assertTrue(session.get().resumed());
            if (how.equals("session-id")) {
                assertTrue(firstId.length > 0);
                assertEquals(java.util.HexFormat.of().formatHex(firstId),
                        java.util.HexFormat.of().formatHex(session.get().sessionId()));
            }
        }
    }

    @ParameterizedTest(name = "server resumes by {0}")
    @ValueSource(strings = {"session-id", "ticket"})
    void openSslClientResumesWithOurServer(String how) throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.2 resumption (" + how + ")");
        Config config = openssl.serverConfig("ec").build();
        String file = "sess12-" + how + "-" + System.nanoTime() + ".pem";
        // -no_ticket: s_client sends no session_ticket extension, so our server resumes by session id.
        List<String> base = how.equals("session-id") ? args("-no_ticket") : args();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String first = openssl.serveOne(config, concat(base, "-sess_out", file), session);
        assertTrue(first.contains("New, TLSv1.2"), first);
        assertFalse(session.get().resumed());
        if (how.equals("ticket")) {
            assertTrue(first.contains("TLS session ticket lifetime hint"), first);
        }

        String second = openssl.serveOne(config, concat(base, "-sess_in", file), session);
        assertTrue(second.contains("Reused, TLSv1.2"), second);
        assertTrue(session.get().resumed());
    }

    @Test
    void ourClientAuthenticatesToOpenSslServer() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.2 client auth");
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, args("-www", "-cert", "server-rsa.pem", "-key",
                "server-rsa.key", "-Verify", "1", "-CAfile", "ca.pem", "-verify_return_error", "-naccept", "2"))) {
            Config withCert = openssl.clientConfig()
                    .certificateSelector(CertificateSelector.fixed(openssl.certifiedKey("client-ec"))).build();
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = openssl.fetch(port, withCert, session);
            assertTrue(page.contains("New, TLSv1.2"), page);
            assertEquals(1, session.get().localCertificates().size());

            // Without a certificate, RFC 5246 §7.4.6 lets the server abort: OpenSSL does, in the handshake.
            TlsFailure refused = assertThrows(TlsFailure.class,
                    () -> openssl.fetch(port, openssl.clientConfig().build(), session));
            assertNotNull(refused.alert());
            server.awaitOutput("peer did not return a certificate", 5_000);
        }
    }

    @Test
    void openSslClientAuthenticatesToOurServer() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.2 client auth");
        Config config = openssl.clientAuthServerConfig().build();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(config, args("-cert", "client-rsa.pem", "-key", "client-rsa.key", "-brief"),
                session);
        assertTrue(out.contains("Protocol version: TLSv1.2"), out);
        assertEquals(openssl.pki.certificates("client-rsa.pem").get(0), session.get().peerCertificates().get(0));
    }

    @ParameterizedTest(name = "ALPN {0}")
    @ValueSource(strings = {"h2", "http/1.1"})
    void alpnBothRoles(String protocol) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.2 ALPN " + protocol);
        InteropMatrix.also(OpenSslPeer.CLIENT, "TLS1.2 ALPN " + protocol);
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, args("-www", "-alpn", protocol, "-cert", "server-ec.pem",
                "-key", "server-ec.key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            openssl.fetch(port, openssl.clientConfig().alpnProtocols(List.of("h2", "http/1.1")).build(), session);
            assertEquals(protocol, session.get().alpn());
            server.awaitOutput("ALPN protocols selected: " + protocol, 5_000);
        }
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(openssl.serverConfig("ec").alpnProtocols(List.of(protocol)).build(),
                args("-alpn", "h2,http/1.1"), session);
        assertTrue(out.contains("ALPN protocol: " + protocol), out);
        assertEquals(protocol, session.get().alpn());
        assertEquals(ProtocolVersion.TLS12, session.get().version());
    }
}
