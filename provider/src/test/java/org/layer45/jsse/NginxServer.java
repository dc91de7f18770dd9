package org.layer45.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx (INTEROP.md §3) in the foreground on two free loopback ports, from a generated config in a
 * temp directory: {@link #port} speaks TLS 1.3 and 1.2 with HTTP/2 and HTTP/1.1 (ALPN),
 * {@link #tls12Port} only TLS 1.2. Every response body reports what nginx negotiated:
 * {@code nginx saw <protocol> <cipher> alpn=<alpn> http=<HTTP version> reused=<r or .>}. Stopped by
 * {@link #close}; the binary is required via {@link PeerBinaries}.
 */
final class NginxServer implements AutoCloseable {
    final int port;
    final int tls12Port;
    private final Process process;
    private final Path log;

    NginxServer(Path dir) throws Exception {
        String nginx = PeerBinaries.require("nginx");
        Path[] pem = TestPki.serverPem("ec", dir);
        port = PeerBinaries.freePort();
        tls12Port = PeerBinaries.freePort();
        Files.createDirectories(dir.resolve("tmp"));
        String body = "return 200 \"nginx saw $ssl_protocol $ssl_cipher alpn=$ssl_alpn_protocol "
                + "http=$server_protocol reused=$ssl_session_reused\\n\";";
        String conf = String.join("\n", "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log stderr notice;", "events { worker_connections 64; }", "http {", "  access_log off;",
                "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
                "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
                "  ssl_certificate " + pem[0] + ";", "  ssl_certificate_key " + pem[1] + ";",
                "  ssl_ecdh_curve X25519:prime256v1:secp384r1;", "  ssl_session_cache shared:TLS:1m;",
                "  server { listen 127.0.0.1:" + port + " ssl http2; ssl_protocols TLSv1.2 TLSv1.3;",
                "    location / { " + body + " } }",
                "  server { listen 127.0.0.1:" + tls12Port + " ssl http2; ssl_protocols TLSv1.2;",
                "    location / { " + body + " } }", "}", "");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        log = dir.resolve("nginx.log");
        // -e stderr: never open the compiled-in /var/log/nginx/error.log (INTEROP.md §3).
        process = new ProcessBuilder(nginx, "-e", "stderr", "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitPort(port);
        awaitPort(tls12Port);
    }

    private void awaitPort(int p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + output());
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), p)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on " + p + ": " + output());
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
