package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code layer45 get} against a real {@code openssl s_server -www} (OpenSSL 3.0: no X25519MLKEM768). */
@Timeout(60)
class GetCommandTest {
    @TempDir
    static Path dir;
    private static TestCerts certs;

    @BeforeAll
    static void setUp() throws Exception {
        Peers.require("openssl");
        certs = TestCerts.create(dir);
    }

    private static String url(OpenSslServer s) {
        return "https://localhost:" + s.port + "/";
    }

    @Test
    void fetchesOverTls13AndShowsTheHandshake() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, "-ciphersuites", "TLS_AES_256_GCM_SHA384")) {
            Path body = dir.resolve("page.html");
            CliRun r = CliRun.of("get", "--cacert", certs.ca.toString(), "-o", body.toString(), url(s));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("protocol      TLSv1.3 (offered TLSv1.3, TLSv1.2)"), r.toString());
            assertTrue(r.out().contains("cipher suite  TLS_AES_256_GCM_SHA384"), r.toString());
            // OpenSSL 3.0 has no ML-KEM: of the two shares Layer45 sends, it takes x25519.
            assertTrue(r.out().contains("key exchange  x25519"), r.toString());
            assertTrue(r.out().contains("resumed       no (full handshake)"), r.toString());
            assertTrue(r.out().contains("  0 subject CN=localhost"), r.toString());
            assertTrue(r.out().contains("verified      yes: chain to a CA in " + certs.ca + " (--cacert)"), r.toString());
            assertTrue(r.out().contains("\nHTTP/1.0 200 ok\n"), r.toString());
            String page = Files.readString(body);
            // the -www page is the server's own view of this connection
            assertTrue(page.contains("Protocol  : TLSv1.3") && page.contains("TLS_AES_256_GCM_SHA384"), page);
            assertTrue(r.out().contains("body: " + Files.size(body) + " bytes, written to " + body), r.toString());
        }
    }

    @Test
    void tls12WithTheSuiteAndGroupAskedFor() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs)) {
            CliRun r = CliRun.of("get", "--tls1.2", "--ciphers", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                    // RFC 8422 §5.1: in TLS 1.2 the groups also name the curves the server's ECDSA key
                    // may use, so the P-256 certificate needs secp256r1 on the list (OpenSSL enforces it).
                    "--groups", "secp384r1,secp256r1", "--cacert", certs.ca.toString(), "-v", url(s));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("protocol      TLSv1.2 (offered TLSv1.2)"), r.toString());
            assertTrue(r.out().contains("cipher suite  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"), r.toString());
            assertTrue(r.out().contains("key exchange  secp384r1"), r.toString());
            // -v: the TLS 1.2 flight is cleartext up to ChangeCipherSpec, so the tap can name it
            assertTrue(r.out().contains("< ServerKeyExchange: ECDHE secp384r1, signed with ecdsa_secp256r1_sha256"),
                    r.toString());
            assertTrue(r.out().contains("> ClientKeyExchange"), r.toString());
            assertTrue(r.out().contains("< ChangeCipherSpec"), r.toString());
            assertTrue(r.out().contains("encrypted handshake record (Finished)"), r.toString());
        }
    }

    @Test
    void verboseShowsTheHelloRetryRequestAServerInsistingOnP256Sends() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, "-groups", "P-256")) {
            CliRun r = CliRun.of("get", "--cacert", certs.ca.toString(), "-v", url(s));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("> ClientHello\n>   versions TLSv1.3, TLSv1.2\n"), r.toString());
            assertTrue(r.out().contains("key shares X25519MLKEM768 (1216 B), x25519 (32 B)"), r.toString());
            assertTrue(r.out().contains("SNI localhost"), r.toString());
            assertTrue(r.out().contains("< HelloRetryRequest: TLSv1.3, TLS_AES_128_GCM_SHA256, asks for a key share "
                    + "for secp256r1"), r.toString());
            assertTrue(r.out().contains("key shares secp256r1 (65 B)"), r.toString()); // the second ClientHello
            assertTrue(r.out().contains("ChangeCipherSpec (TLS 1.3 middlebox compatibility"), r.toString());
            assertTrue(r.out().contains("< ServerHello: TLSv1.3, TLS_AES_128_GCM_SHA256, key share secp256r1"),
                    r.toString());
            assertTrue(r.out().contains("after a HelloRetryRequest for secp256r1"), r.toString());
        }
    }

    @Test
    void alpnAndKeyLog() throws Exception {
        Path keylog = dir.resolve("keys.log");
        try (OpenSslServer s = OpenSslServer.start(certs, "-alpn", "h2,http/1.1")) {
            CliRun r = CliRun.of("get", "--alpn", "h2,http/1.1", "--keylog", keylog.toString(), "--cacert",
                    certs.ca.toString(), url(s));
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("ALPN          h2 (offered h2, http/1.1)"), r.toString());
            assertTrue(r.out().contains("layer45 get speaks HTTP/1.1 only, so no request was sent"), r.toString());
            String log = Files.readString(keylog);
            assertTrue(log.contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET ") && log.contains("SERVER_TRAFFIC_SECRET_0 "), log);
        }
    }

    @Test
    void wrongHostIsOneClearLine() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, certs.wrongHostCert, certs.wrongHostKey)) {
            CliRun r = CliRun.of("get", "--cacert", certs.ca.toString(), url(s));
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("layer45 get: certificate for wrong.host.example does not match localhost\n", r.err());
        }
    }

    @Test
    void expiredCertificateIsOneClearLine() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, certs.expiredCert, certs.expiredKey)) {
            CliRun r = CliRun.of("get", "--cacert", certs.ca.toString(), url(s));
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("layer45 get: certificate CN=expired expired on 2020-02-01 00:00 UTC\n", r.err());
        }
    }

    @Test
    void untrustedCaAndInsecure() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs)) {
            CliRun untrusted = CliRun.of("get", url(s));
            assertEquals(1, untrusted.exitCode(), untrusted.toString());
            assertEquals("layer45 get: certificate CN=localhost (issued by CN=Layer45 test CA) is not trusted: no path "
                    + "to a CA in the JDK's cacerts; pass its CA with --cacert FILE\n", untrusted.err());

            CliRun insecure = CliRun.of("get", "--insecure", url(s));
            assertEquals(0, insecure.exitCode(), insecure.toString());
            assertTrue(insecure.out().startsWith("WARNING: --insecure"), insecure.toString());
            assertTrue(insecure.out().contains("verified      NO -- INSECURE"), insecure.toString());
        }
    }

    @Test
    void aServerWithoutTls13RefusesATls13OnlyOffer() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, "-tls1_2")) {
            CliRun r = CliRun.of("get", "--tls1.3", "--cacert", certs.ca.toString(), url(s));
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("layer45 get: localhost:" + s.port + " refused the handshake (alert protocol_version): it "
                    + "accepts none of the protocol versions offered\n", r.err());
        }
    }

    @Test
    void connectionRefusedAndUsageErrors() throws Exception {
        int closed = Peers.freePort();
        CliRun refused = CliRun.of("get", "https://127.0.0.1:" + closed + "/");
        assertEquals(1, refused.exitCode());
        assertEquals("layer45 get: cannot connect to 127.0.0.1:" + closed + ": connection refused\n", refused.err());

        CliRun typo = CliRun.of("get", "--groups", "x25591", "https://localhost/");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().startsWith("layer45 get: unknown group 'x25591'; Layer45 supports: X25519MLKEM768,"),
                typo.err());
        CliRun http = CliRun.of("get", "http://localhost/");
        assertEquals(2, http.exitCode());
        assertTrue(http.err().startsWith("layer45 get: only https:// URLs"), http.err());
    }
}
