package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code layer45 serve}, run in-process as the command line would run it, checked with the real
 * curl (OpenSSL backend) and openssl s_client: TLS 1.3 and 1.2, HSTS on HTTPS only, the 301 from
 * the HTTP port, path traversal refused, one log line per request.
 */
@Timeout(60)
class ServeCommandTest {
    @TempDir
    static Path dir;
    private static TestCerts certs;
    private static Path site;
    private static Thread server;
    private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private static int httpsPort;
    private static int httpPort;

    @BeforeAll
    static void startServe() throws Exception {
        certs = TestCerts.create(dir);
        site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("hello.txt"), "hello over Layer45\n");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("docs").resolve("index.html"), "<h1>docs</h1>\n");
        Files.writeString(dir.resolve("secret.txt"), "outside the served directory\n");
        Files.createSymbolicLink(site.resolve("escape"), dir.resolve("secret.txt"));
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        server = new Thread(() -> Main.run(new String[] {"serve", "--port", "0", "--http-port", "0", "--dir",
            site.toString(), "--cert", certs.serverCert.toString(), "--key", certs.serverKey.toString(), "--hsts", "600"},
                out, out), "serve-under-test");
        server.start();
        long deadline = System.currentTimeMillis() + 20_000;
        Matcher https = null;
        Matcher http = null;
        while (System.currentTimeMillis() < deadline) {
            String text = log();
            https = Pattern.compile("at https://localhost:(\\d+)/").matcher(text);
            http = Pattern.compile("http://localhost:(\\d+)/ redirects").matcher(text);
            if (https.find() && http.find()) {
                break;
            }
            assertTrue(server.isAlive(), text);
            Thread.sleep(20);
        }
        httpsPort = Integer.parseInt(https.group(1));
        httpPort = Integer.parseInt(http.group(1));
    }

    @AfterAll
    static void stopServe() throws Exception {
        server.interrupt();
        server.join(10_000);
        assertFalse(server.isAlive(), "serve did not stop when interrupted");
        assertTrue(log().contains("stopped"), log());
    }

    private static String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** The server logs a request after answering it, so the client may be done first: wait, bounded. */
    private static void awaitLog(Pattern line) throws InterruptedException {
        for (long end = System.currentTimeMillis() + 10_000; !line.matcher(log()).find();) {
            assertTrue(System.currentTimeMillis() < end, "no log line /" + line + "/ in:\n" + log());
            Thread.sleep(10);
        }
    }

    private static PeerProcess.Result curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Peers.require("curl"), "-sS", "--cacert", certs.ca.toString()));
        cmd.addAll(List.of(args));
        return PeerProcess.run(dir, cmd, 20_000);
    }

    @Test
    void curlFetchesAFileOverTls13WithHsts() throws Exception {
        PeerProcess.Result r = curl("-D", "-", "-w", "\nhttp_version=%{http_version} verify=%{ssl_verify_result}\n",
                "https://localhost:" + httpsPort + "/hello.txt");
        assertEquals(0, r.exitCode(), r.output());
        String out = r.output();
        assertTrue(out.startsWith("HTTP/1.1 200 OK\r\n"), out);
        assertTrue(out.contains("\r\nStrict-Transport-Security: max-age=600\r\n"), out);
        assertTrue(out.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"), out);
        assertTrue(out.contains("\r\n\r\nhello over Layer45\n"), out);
        assertTrue(out.contains("http_version=1.1 verify=0"), out);
        // one log line per request: protocol, suite (Layer45's server order puts AES-128 first), group
        // (curl's OpenSSL 3.0 has no ML-KEM, so x25519)
        awaitLog(Pattern.compile("127\\.0\\.0\\.1:\\d+ TLSv1\\.3 TLS_AES_128_GCM_SHA256 x25519 new \\(handshake \\d+ ms\\) "
                + "\"GET /hello\\.txt HTTP/1\\.1\" 200 19"));
    }

    @Test
    void curlOverTls12() throws Exception {
        PeerProcess.Result r = curl("--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-CHACHA20-POLY1305", "-o", "/dev/null",
                "-w", "%{http_code}", "https://localhost:" + httpsPort + "/hello.txt");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("200", r.output());
        awaitLog(Pattern.compile("TLSv1\\.2 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 x25519 new"));
    }

    @Test
    void httpPortRedirectsWith301AndCurlFollowsIt() throws Exception {
        String url = "http://localhost:" + httpPort + "/docs/";
        PeerProcess.Result noFollow = curl("-D", "-", "-o", "/dev/null", url);
        assertEquals(0, noFollow.exitCode(), noFollow.output());
        assertTrue(noFollow.output().startsWith("HTTP/1.1 301 Moved Permanently\r\n"), noFollow.output());
        assertTrue(noFollow.output().contains("\r\nLocation: https://localhost:" + httpsPort + "/docs/\r\n"),
                noFollow.output());
        // RFC 6797 §7.2: no Strict-Transport-Security over plain HTTP
        assertFalse(noFollow.output().toLowerCase().contains("strict-transport-security"), noFollow.output());

        PeerProcess.Result follow = curl("-L", "-D", "-", "-w", "\nredirects=%{num_redirects} final=%{url_effective} "
                + "v=%{http_version}\n", url);
        assertEquals(0, follow.exitCode(), follow.output());
        String out = follow.output();
        assertTrue(out.indexOf("HTTP/1.1 301") < out.indexOf("HTTP/1.1 200 OK"), out);
        assertTrue(out.contains("Strict-Transport-Security: max-age=600"), out);
        assertTrue(out.contains("<h1>docs</h1>"), out);
        assertTrue(out.contains("redirects=1 final=https://localhost:" + httpsPort + "/docs/ v=1.1"), out);
        awaitLog(Pattern.compile(Pattern.quote("plain HTTP \"GET /docs/ HTTP/1.1\" 301 -> https://localhost:"
                + httpsPort + "/docs/")));
    }

    @Test
    void pathTraversalIsRefused() throws Exception {
        for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/docs/%2E%2E/%2e%2e/secret.txt",
                "/escape", "/..%2fsecret.txt")) {
            PeerProcess.Result r = curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}",
                    "https://localhost:" + httpsPort + path);
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("403", r.output(), path);
        }
        PeerProcess.Result missing = curl("-o", "/dev/null", "-w", "%{http_code}",
                "https://localhost:" + httpsPort + "/nope.txt");
        assertEquals("404", missing.output());
        assertFalse(log().contains("outside the served directory"), log());
    }

    @Test
    void withoutACertificateItMakesOneAndSaysHowToTrustIt() throws Exception {
        ByteArrayOutputStream selfLog = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(selfLog, true, StandardCharsets.UTF_8);
        Thread t = new Thread(() -> Main.run(new String[] {"serve", "--port", "0", "--no-http", "--dir", site.toString()},
                out, out), "serve-self-signed");
        t.start();
        try {
            Pattern ready = Pattern.compile("curl --cacert (\\S+) https://localhost:PORT/[\\s\\S]*at https://localhost:(\\d+)/");
            Matcher m = ready.matcher("");
            boolean found = false;
            for (long end = System.currentTimeMillis() + 20_000; !found && System.currentTimeMillis() < end;) {
                Thread.sleep(20);
                m = ready.matcher(selfLog.toString(StandardCharsets.UTF_8));
                found = m.find();
            }
            assertTrue(found, selfLog.toString(StandardCharsets.UTF_8));
            PeerProcess.Result r = PeerProcess.run(dir, List.of(Peers.require("curl"), "-sS", "--cacert", m.group(1),
                    "https://localhost:" + m.group(2) + "/hello.txt"), 20_000);
            assertEquals(0, r.exitCode(), r.output());
            assertEquals("hello over Layer45\n", r.output());
            assertFalse(selfLog.toString(StandardCharsets.UTF_8).contains("redirects"), "--no-http: no HTTP port");
        } finally {
            t.interrupt();
            t.join(10_000);
        }
        assertFalse(t.isAlive());
    }

    @Test
    void opensslClientVerifiesTheServerOverBothVersions() throws Exception {
        String openssl = Peers.require("openssl");
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Path request = dir.resolve("request.txt");
            Files.writeString(request, "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            PeerProcess.Result r = PeerProcess.run(dir, List.of("/bin/sh", "-c", openssl + " s_client -connect "
                    + "127.0.0.1:" + httpsPort + " -servername localhost -CAfile " + certs.ca + " -verify_return_error "
                    + "-verify_hostname localhost -brief -ign_eof " + version + " < " + request), 20_000);
            assertEquals(0, r.exitCode(), r.output());
            String expected = version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2";
            assertTrue(r.output().contains("Protocol version: " + expected), r.output());
            assertTrue(r.output().contains("Verification: OK"), r.output());
            assertTrue(r.output().contains("hello over Layer45"), r.output());
            assertTrue(r.output().contains("Strict-Transport-Security: max-age=600"), r.output());
        }
    }
}
