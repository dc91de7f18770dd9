package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code layer45 probe} against {@code openssl s_server} restricted to known suites, groups and
 * ALPN: the probe must find exactly those, in the server's order; and OCSP stapling with and without
 * {@code -status_file}.
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
            // s_server without -status_file staples nothing (RFC 6066 §8 lets it).
            assertLine(out, "  TLSv1\\.3  no");
            assertLine(out, "  TLSv1\\.2  no");
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

    /** s_server -status_file: the probe sees the stapled OCSP response in both versions. */
    @Test
    void reportsOcspStapling() throws Exception {
        Path response = ocspResponse();
        long size = Files.size(response);
        try (OpenSslServer s = OpenSslServer.start(certs, "-status_file", response.toString())) {
            CliRun r = CliRun.of("probe", "--cacert", certs.ca.toString(), "localhost:" + s.port);
            assertEquals(0, r.exitCode(), r.toString());
            String out = r.out();
            assertLine(out, "OCSP stapling .*");
            String stapled = "yes \\(" + size + " bytes, OCSP response status successful, not validated\\)";
            assertLine(out, "  TLSv1\\.3  " + stapled);
            assertLine(out, "  TLSv1\\.2  " + stapled);
        }
    }

    /** A "good" OCSP response for the server certificate, signed by the CA ({@code openssl ocsp}, RFC 6960). */
    private static Path ocspResponse() throws Exception {
        String openssl = Peers.require("openssl");
        String serial = run(openssl, "x509", "-in", certs.serverCert.toString(), "-noout", "-serial").trim();
        serial = serial.substring(serial.indexOf('=') + 1);
        Path index = dir.resolve("index.txt");
        // The CA database openssl ocsp reads: V(alid), expiry, no revocation, serial, file, subject.
        Files.writeString(index, "V\t301231000000Z\t\t" + serial + "\tunknown\t/CN=localhost\n");
        Path out = dir.resolve("ocsp.der");
        run(openssl, "ocsp", "-index", index.toString(), "-rsigner", certs.ca.toString(), "-rkey",
                certs.caKey.toString(), "-CA", certs.ca.toString(), "-issuer", certs.ca.toString(), "-cert",
                certs.serverCert.toString(), "-respout", out.toString(), "-ndays", "1");
        return out;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + output);
        return output;
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
