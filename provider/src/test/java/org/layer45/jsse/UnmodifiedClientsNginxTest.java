package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layer45.testapp.UnmodifiedHttpClients;

/**
 * Issue 3, Must show 1, with a real HTTP/2 server: a child JVM whose only configuration is the
 * {@code java.security} override naming Layer45 first (plus the trust store properties) runs
 * {@link UnmodifiedHttpClients} against nginx (INTEROP.md §3). HttpsURLConnection (HTTP/1.1),
 * java.net.http.HttpClient (HTTP/2 through ALPN) and Apache HttpClient 5 classic (HTTP/1.1) and async
 * (HTTP/2 through ALPN) must all run on Layer45: the default SSLContext is Layer45's, each session
 * carries the Layer45 marker, and nginx itself reports the TLS version and HTTP version it served.
 * The same program against nginx's TLS 1.2-only port gets TLS 1.2 from every client.
 * nginx is a real peer: skipped when absent locally, failed when absent under LAYER45_REQUIRE_PEERS.
 */
@Timeout(180)
class UnmodifiedClientsNginxTest {

    @Test
    void everyClientRunsOnLayer45WithHttp2(@TempDir Path dir) throws Exception {
        try (NginxServer nginx = new NginxServer(dir)) {
            String out = runChild(dir, "https://localhost:" + nginx.port + "/");
            assertTrue(out.contains("default=Layer45"), out);
            expect(out, "urlconnection", "HTTP/1.1", "TLSv1.3", "http=HTTP/1.1");
            expect(out, "httpclient", "HTTP_2", "TLSv1.3", "alpn=h2 http=HTTP/2.0");
            expect(out, "apache-classic", "HTTP/1.1", "TLSv1.3", "http=HTTP/1.1");
            expect(out, "apache-async", "HTTP/2.0", "TLSv1.3", "alpn=h2 http=HTTP/2.0");
        }
    }

    @Test
    void aTls12OnlyServerGetsTls12FromEveryClient(@TempDir Path dir) throws Exception {
        try (NginxServer nginx = new NginxServer(dir)) {
            String out = runChild(dir, "https://localhost:" + nginx.tls12Port + "/");
            assertTrue(out.contains("default=Layer45"), out);
            expect(out, "urlconnection", "HTTP/1.1", "TLSv1.2", "http=HTTP/1.1");
            expect(out, "httpclient", "HTTP_2", "TLSv1.2", "alpn=h2 http=HTTP/2.0");
            expect(out, "apache-classic", "HTTP/1.1", "TLSv1.2", "http=HTTP/1.1");
            expect(out, "apache-async", "HTTP/2.0", "TLSv1.2", "alpn=h2 http=HTTP/2.0");
        }
    }

    /** The client's line: status 200, its HTTP version, our marker and TLS version, nginx's own view. */
    private static void expect(String out, String client, String http, String tls, String nginxSaw) {
        String line = out.lines().filter(l -> l.startsWith(client + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + client + ":\n" + out));
        assertTrue(line.startsWith(client + ": status=200 http=" + http + " marker=Layer45 " + tls + " body=nginx saw "
                + tls + " "), line);
        assertTrue(line.contains(nginxSaw), line);
    }

    private static String runChild(Path dir, String url) throws Exception {
        Path security = SecurityOverrideTest.writeOverride(dir, "Layer45");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security, "-Djavax.net.ssl.trustStore=" + TestPki.TRUST_STORE,
                "-Djavax.net.ssl.trustStorePassword=changeit", "-cp", SecurityOverrideTest.testClassPath(),
                UnmodifiedHttpClients.class.getName(), url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        Files.writeString(dir.resolve("child.log"), out);
        return out;
    }
}
