package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code layer45 probe} against {@code openssl s_server} restricted to known suites, groups and
 * ALPN: the probe must find exactly those, in the server's order.
 */
@Timeout(90)
class ProbeCommandTest {
    @TempDir
    static Path dir;
    private static TestCerts certs;

    @BeforeAll
    static void setUp() throws Exception {
        Peers.require("openssl");
        certs = TestCerts.create(dir);
    }

    private static void assertLine(String out, String regex) {
        assertTrue(Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(out).find(),
                "no line matching /" + regex + "/ in:\n" + out);
    }

    @Test
    void findsVersionsSuitesInServerOrderGroupsAlpnAndResumption() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, "-serverpref",
                "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384",
                "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305",
                "-groups", "P-384:X25519:P-256", "-alpn", "http/1.1")) {
            CliRun r = CliRun.of("probe", "--cacert", certs.ca.toString(), "localhost:" + s.port);
            assertEquals(0, r.exitCode(), r.toString());
            String out = r.out();
            assertLine(out, "  TLSv1\\.3  yes");
            assertLine(out, "  TLSv1\\.2  yes");
            // the server's order, which -serverpref makes it apply
            assertLine(out, "  TLSv1\\.3  1  TLS_CHACHA20_POLY1305_SHA256");
            assertLine(out, "           2  TLS_AES_256_GCM_SHA384");
            assertLine(out, "  TLSv1\\.2  1  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            assertLine(out, "           2  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
            assertTrue(!out.contains("TLS_AES_128_GCM_SHA256"), out);
            assertLine(out, "  TLSv1\\.3: the server applies its own preference.*");
            assertLine(out, "  X25519MLKEM768 +no +n/a +post-quantum hybrid");
            assertLine(out, "  x25519 +yes +yes");
            assertLine(out, "  secp384r1 +yes +yes");
            assertLine(out, "  secp521r1 +no +no\\*");
            assertLine(out, "  Layer45's default offer \\(key shares X25519MLKEM768 and x25519\\): x25519");
            assertLine(out, "  result:  HelloRetryRequest for secp256r1, then the handshake completed with secp256r1");
            assertLine(out, "  ecdsa_secp256r1_sha256 +yes +yes");
            assertLine(out, "  rsa_pss_rsae_sha256 +no +no");
            assertLine(out, "  h2,http/1\\.1 +http/1\\.1");
            assertLine(out, "  h2 +handshake failed: refused \\(alert no_application_protocol\\).*");
            assertLine(out, "  TLSv1\\.3  yes: PSK from a session ticket \\(psk_dhe_ke, x25519\\)");
            assertLine(out, "  TLSv1\\.2  yes via session ticket \\(ticket issued \\(lifetime hint 7200 s\\).*");
            assertLine(out, "  0 subject CN=localhost");
            assertLine(out, "    expires .* \\(in [01] days\\)");
            assertLine(out, "  verification: trusted: chain to a CA in .*ca\\.pem \\(--cacert\\), host name localhost "
                    + "matches");
            assertLine(out, "  not requested: Layer45 does not send status_request.*");
            assertTrue(r.err().contains("probing localhost:" + s.port + ": cipher suites, TLSv1.3 ."), r.err());
        }
    }

    @Test
    void aTls13OnlyServerFollowingTheClientsOrder() throws Exception {
        try (OpenSslServer s = OpenSslServer.start(certs, "-tls1_3")) {
            CliRun r = CliRun.of("probe", "127.0.0.1:" + s.port);
            assertEquals(0, r.exitCode(), r.toString());
            String out = r.out();
            assertLine(out, "  TLSv1\\.2  no \\(127\\.0\\.0\\.1:" + s.port + " refused the handshake \\(alert "
                    + "protocol_version\\).*");
            assertLine(out, "  TLSv1\\.3: the server follows the client's preference.*");
            assertLine(out, "  TLSv1\\.3  1  TLS_AES_128_GCM_SHA256");
            // no --cacert: the certificate is inspected, and then reported as untrusted
            assertLine(out, "  verification: NOT trusted: certificate CN=localhost \\(issued by CN=Layer45 test CA\\) "
                    + "is not trusted.*");
        }
    }

    @Test
    void nothingListeningIsOneLine() throws Exception {
        int port = Peers.freePort();
        CliRun r = CliRun.of("probe", "127.0.0.1:" + port);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().endsWith("layer45 probe: no TLS 1.3 or 1.2 handshake with 127.0.0.1:" + port
                + " succeeded: cannot connect to 127.0.0.1:" + port + ": connection refused\n"), r.err());
    }
}
