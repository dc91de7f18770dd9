package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.PeerVerifier;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * TLS 1.2 interop with {@code openssl s_server -tls1_2} / {@code openssl s_client -tls1_2} on a free
 * loopback port, both roles, every suite and group, plus ticket resumption against OpenSSL, and RSA
 * key transport (RFC 5246 §7.4.7.1, enabled explicitly), both roles, with {@code -cipher
 * AES128-GCM-SHA256} / {@code AES256-GCM-SHA384}.
 * Skipped when openssl is absent, unless {@code LAYER45_REQUIRE_PEERS=true} (then it fails).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Tls12OpensslInteropTest {
    private static final Map<CipherSuite, String> OPENSSL_NAMES = Map.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256",
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "ECDHE-ECDSA-AES256-GCM-SHA384",
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-ECDSA-CHACHA20-POLY1305",
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256",
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "ECDHE-RSA-AES256-GCM-SHA384",
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE-RSA-CHACHA20-POLY1305",
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, "AES128-GCM-SHA256",
            CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, "AES256-GCM-SHA384");
    private static final Map<NamedGroup, String> GROUP_NAMES = Map.of(NamedGroup.X25519, "X25519",
            NamedGroup.SECP256R1, "P-256", NamedGroup.SECP384R1, "P-384", NamedGroup.SECP521R1, "P-521");

    private static String openssl;
    private static Path dir;

    @BeforeAll
    static void findOpenssl() throws IOException {
        File f = new File("/usr/bin/openssl");
        boolean present = f.canExecute();
        if (!present && "true".equalsIgnoreCase(System.getenv("LAYER45_REQUIRE_PEERS"))) {
            throw new AssertionError("openssl is not installed but LAYER45_REQUIRE_PEERS=true");
        }
        assumeTrue(present, "openssl not installed; skipping");
        openssl = f.getPath();
        dir = Files.createTempDirectory("layer45-openssl");
        dir.toFile().deleteOnExit();
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : Config.DEFAULT_SUITES_12) {
            out.add(Arguments.of(s, NamedGroup.X25519));
        }
        for (NamedGroup g : List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1)) {
            out.add(Arguments.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, g));
            out.add(Arguments.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, g));
        }
        return out.stream();
    }

    private static CertifiedKey keyFor(CipherSuite suite) {
        return TestCertificates.get(Tls12Policy.isEcdsaSuite(suite) ? TestCertificates.Kind.ECDSA_P256
                : TestCertificates.Kind.RSA_2048);
    }

    /** Writes the chain and key as PEM files for openssl; returns {cert, key}. */
    private static String[] pem(CertifiedKey key) throws Exception {
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path cert = Files.createTempFile(dir, "cert", ".pem");
        Path pk = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(key.chain().get(0).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(pk, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(key.key().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        cert.toFile().deleteOnExit();
        pk.toFile().deleteOnExit();
        return new String[] {cert.toString(), pk.toString()};
    }

    /**
     * OpenSSL applies supported_groups to the ECDSA certificate curve in TLS 1.2 (RFC 4492 §5.1), so
     * with ECDSA suites P-256 (our certificate's curve) is listed after the group under test.
     */
    private static String groups(CipherSuite suite, NamedGroup group) {
        return Tls12Policy.isEcdsaSuite(suite) && group != NamedGroup.SECP256R1 ? GROUP_NAMES.get(group) + ":P-256"
                : GROUP_NAMES.get(group);
    }

    private static List<NamedGroup> groupList(CipherSuite suite, NamedGroup group) {
        return Tls12Policy.isEcdsaSuite(suite) && group != NamedGroup.SECP256R1 ? List.of(group, NamedGroup.SECP256R1)
                : List.of(group);
    }

    private static Process startServer(CipherSuite suite, NamedGroup group, int port) throws Exception {
        String[] files = pem(keyFor(suite));
        return new ProcessBuilder(openssl, "s_server", "-tls1_2", "-accept", String.valueOf(port), "-www",
                "-cert", files[0], "-key", files[1], "-cipher", OPENSSL_NAMES.get(suite), "-groups",
                groups(suite, group)).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile())
                .start();
    }

    private static Config clientConfig(CipherSuite suite, NamedGroup group, CertifiedKey serverKey) {
        return Config.builder().serverName("localhost").enabledProtocols(List.of(ProtocolVersion.TLS12))
                .cipherSuites(List.of(suite)).groups(groupList(suite, group))
                .peerVerifier(TrustedCertificatesVerifier.pinned(serverKey.chain())).build();
    }

    /** One GET against s_server -www; returns the status page. */
    private static String get(ClientConnection client, int port) throws Exception {
        try (Socket socket = OpensslServer.connect(port)) {
            SocketDriver d = new SocketDriver(client, socket);
            client.start();
            d.handshake();
            d.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(d.readToEnd(), StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest(name = "our client -> openssl s_server: {0} {1}")
    @MethodSource("suitesAndGroups")
    void ourClientAgainstOpensslServer(CipherSuite suite, NamedGroup group) throws Exception {
        int port = OpensslServer.freePort();
        Process server = startServer(suite, group, port);
        try {
            ClientConnection client = new ClientConnection(clientConfig(suite, group, keyFor(suite)));
            String page = get(client, port);
            assertTrue(page.contains("TLSv1.2"), page);
            assertTrue(page.contains(OPENSSL_NAMES.get(suite)), page);
            assertEquals(suite, client.session().suite());
            assertEquals(group, client.session().group());
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Stream<CipherSuite> rsaKeyTransportSuites() {
        return Config.RSA_KEY_TRANSPORT_SUITES.stream();
    }

    /** RFC 5246 §7.4.7.1 against OpenSSL: no ServerKeyExchange, our encrypted premaster, data both ways. */
    @ParameterizedTest(name = "our client -> openssl s_server: {0}")
    @MethodSource("rsaKeyTransportSuites")
    void ourRsaKeyTransportClientAgainstOpensslServer(CipherSuite suite) throws Exception {
        int port = OpensslServer.freePort();
        Process server = startServer(suite, NamedGroup.X25519, port);
        try {
            ClientConnection client = new ClientConnection(clientConfig(suite, NamedGroup.X25519, keyFor(suite)));
            String page = get(client, port);
            assertTrue(page.contains("TLSv1.2"), page);
            // s_server -www names the suite it negotiated, e.g. "Cipher is AES128-GCM-SHA256".
            assertTrue(page.contains("Cipher is " + OPENSSL_NAMES.get(suite)), page);
            assertEquals(suite, client.session().suite());
            assertEquals(null, client.session().group());
            assertFalse(client.session().handshakeMessages().contains(org.layer45.iana.HandshakeType
                    .SERVER_KEY_EXCHANGE));
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** RFC 5246 §7.4.7.1 from OpenSSL's side: our server decrypts its premaster; data both ways. */
    @ParameterizedTest(name = "openssl s_client -> our server: {0}")
    @MethodSource("rsaKeyTransportSuites")
    void opensslRsaKeyTransportClientAgainstOurServer(CipherSuite suite) throws Exception {
        Config config = Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS12))
                .cipherSuites(Config.SUPPORTED_SUITES).certificateSelector(CertificateSelector.fixed(keyFor(suite)))
                .peerVerifier(PeerVerifier.rejectAll()).build();
        ServerConnection server = new ServerConnection(config);
        String output = exchangeWithOpensslClient(server, "-cipher", OPENSSL_NAMES.get(suite));
        assertTrue(output.contains("Cipher is " + OPENSSL_NAMES.get(suite)), output);
        assertTrue(output.contains("Extended master secret: yes"), output);
        assertEquals(suite, server.session().suite());
        assertFalse(server.session().handshakeMessages().contains(org.layer45.iana.HandshakeType
                .SERVER_KEY_EXCHANGE));
    }

    @Test
    void ticketAndSessionIdResumptionAgainstOpenssl() throws Exception {
        CipherSuite suite = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        int port = OpensslServer.freePort();
        Process server = startServer(suite, NamedGroup.X25519, port);
        try {
            Config config = clientConfig(suite, NamedGroup.X25519, keyFor(suite));
            ClientConnection first = new ClientConnection(config);
            get(first, port);
            assertFalse(first.session().resumed());
            ClientConnection second = new ClientConnection(config);
            String page = get(second, port);
            assertTrue(second.session().resumed(), page);
            assertTrue(page.contains("Reused, TLSv1.2"), page);
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void ecdsaP384KeySigningSha256BothWays() throws Exception {
        // RFC 5246 §7.4.1.4.1: {sha256, ecdsa} with a P-384 key, as OpenSSL does in TLS 1.2.
        CertifiedKey p384 = TestCertificates.get(TestCertificates.Kind.ECDSA_P384);
        String[] files = pem(p384);
        int port = OpensslServer.freePort();
        Process server = new ProcessBuilder(openssl, "s_server", "-tls1_2", "-accept", String.valueOf(port), "-www",
                "-cert", files[0], "-key", files[1], "-sigalgs", "ECDSA+SHA256").redirectErrorStream(true)
                .redirectOutput(dir.resolve("server384.log").toFile()).start();
        try {
            ClientConnection client = new ClientConnection(Config.builder().serverName("localhost")
                    .enabledProtocols(List.of(ProtocolVersion.TLS12))
                    .peerVerifier(TrustedCertificatesVerifier.pinned(p384.chain())).build());
            String page = get(client, port);
            assertTrue(page.contains("TLSv1.2"), page);
            assertEquals(org.layer45.iana.SignatureScheme.ECDSA_SECP256R1_SHA256, client.session().signatureScheme());
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "openssl s_client -> our server: {0} {1}")
    @MethodSource("suitesAndGroups")
    void opensslClientAgainstOurServer(CipherSuite suite, NamedGroup group) throws Exception {
        Config config = Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS12))
                .certificateSelector(CertificateSelector.fixed(keyFor(suite))).groups(List.of(group))
                .peerVerifier(PeerVerifier.rejectAll()).build();
        ServerConnection server = new ServerConnection(config);
        String output = exchangeWithOpensslClient(server, "-cipher", OPENSSL_NAMES.get(suite),
                "-groups", groups(suite, group), "-keymatexport", "EXPERIMENTAL-layer45", "-keymatexportlen", "32");
        assertTrue(output.contains("TLSv1.2"), output);
        assertTrue(output.contains(OPENSSL_NAMES.get(suite)), output);
        assertTrue(output.contains("Extended master secret: yes"), output);
        assertTrue(output.contains("Secure Renegotiation IS supported"), output);
        assertEquals(suite, server.session().suite());
        assertEquals(group, server.session().group());
        // RFC 5705 exporter without context, as OpenSSL computes it.
        String exported = java.util.HexFormat.of().withUpperCase().formatHex(
                server.exportKeyingMaterial("EXPERIMENTAL-layer45", null, 32));
        assertTrue(output.toUpperCase().contains(exported), output);
    }

    /**
     * Runs {@code openssl s_client -tls1_2} with {@code options} against {@code server} on a loopback
     * listener: one line each way, then our close_notify. Returns what s_client printed.
     */
    private String exchangeWithOpensslClient(ServerConnection server, String... options) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new java.util.ArrayList<>(List.of(openssl, "s_client", "-tls1_2", "-connect",
                    "127.0.0.1:" + listener.getLocalPort(), "-servername", "localhost", "-ign_eof"));
            command.addAll(List.of(options));
            Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                client.getOutputStream().write("hello from openssl\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().close();
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(20_000);
                    SocketDriver d = new SocketDriver(server, socket);
                    d.handshake();
                    String got = new String(d.readAtLeast("hello from openssl\n".length()), StandardCharsets.US_ASCII);
                    assertEquals("hello from openssl\n", got);
                    d.write("hello from layer45\n".getBytes(StandardCharsets.US_ASCII));
                    server.closeOutbound();
                    d.flush();
                }
                String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(client.waitFor(10, TimeUnit.SECONDS));
                assertTrue(output.contains("hello from layer45"), output);
                return output;
            } finally {
                client.destroy();
            }
        }
    }
}
