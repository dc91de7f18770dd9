package org.layer45.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx (INTEROP.md §3) as the real HTTPS server for the client-library tests: HTTP/2 and
 * HTTP/1.1 by ALPN on {@link #port} (TLS 1.3 and 1.2), TLS 1.2 only on {@link #tls12Port}, with the
 * test PKI's ECDSA certificate. Every response body is nginx's own account of the connection:
 * {@code nginx saw <protocol> <cipher> curve=<group> alpn=<alpn> http=<HTTP version> sni=<name>
 * reused=<r or .>}. Runs in the foreground from a temp directory ({@code -e stderr}, so it never
 * opens /var/log/nginx) and is stopped by {@link #close}.
 */
final class NginxH2Server implements AutoCloseable {
    final int port;
    final int tls12Port;
    private final Process process;
    private final Path log;

    NginxH2Server(TestPki pki, Path dir) throws Exception {
        String nginx = Peers.require("nginx");
        port = Peers.freePort();
        tls12Port = Peers.freePort();
        Files.createDirectories(dir.resolve("tmp"));
        String body = "return 200 \"nginx saw $ssl_protocol $ssl_cipher curve=$ssl_curve alpn=$ssl_alpn_protocol "
                + "http=$server_protocol sni=$ssl_server_name reused=$ssl_session_reused\\n\";";
        String conf = String.join("\n", "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log stderr notice;", "events { worker_connections 64; }", "http {", "  access_log off;",
                "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
                "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
                "  ssl_certificate " + pki.file("server-ec.pem") + ";",
                "  ssl_certificate_key " + pki.file("server-ec.key") + ";",
                "  ssl_ecdh_curve X25519:prime256v1:secp384r1;", "  ssl_session_cache shared:TLS:1m;",
                "  server { listen 127.0.0.1:" + port + " ssl http2; ssl_protocols TLSv1.2 TLSv1.3;",
                "    location / { default_type text/plain; " + body + " } }",
                "  server { listen 127.0.0.1:" + tls12Port + " ssl http2; ssl_protocols TLSv1.2;",
                "    location / { default_type text/plain; " + body + " } }", "}", "");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        log = dir.resolve("nginx.log");
        process = new ProcessBuilder(nginx, "-e", "stderr", "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitPort(port);
            awaitPort(tls12Port);
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private void awaitPort(int p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited: " + output());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), p)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not listen on " + p + ": " + output());
    }

    String url(int p) {
        return "https://localhost:" + p + "/";
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
