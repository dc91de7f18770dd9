package org.layer45.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx (INTEROP.md §3) in the foreground ({@code daemon off}, {@code -e stderr -p DIR}) on three free
 * loopback ports, from a config generated into a temp folder:
 * <ul>
 * <li>{@link #port}: TLS 1.2 + 1.3, HTTP/2 + HTTP/1.1, the default vhost {@code localhost} (EC and RSA
 *     certificates), {@code mtls.localhost} ({@code ssl_verify_client on}), and the badssl vhosts of
 *     {@link BadSslPki}, chosen by SNI;</li>
 * <li>{@link #tls13Port} / {@link #tls12Port}: one version each (nginx 1.22 ignores
 *     {@code ssl_protocols} in an SNI-selected server block, so versions get their own ports).</li>
 * </ul>
 * Every response body reports nginx's own view: {@code nginx saw <protocol> <cipher> curve=<group>
 * alpn=<alpn> sni=<name> reused=<r or .> client=<verify result>:<subject>}.
 */
final class NginxPeer implements AutoCloseable {
    static final String PEER = "nginx";
    static final List<String> BAD_HOSTS = List.of("expired", "not-yet-valid", "wrong-host", "self-signed",
            "untrusted-root", "incomplete-chain");
    final int port;
    final int tls13Port;
    final int tls12Port;
    private final Process process;
    private final Path log;

    NginxPeer(TestPki pki, Path dir) throws Exception {
        String nginx = Peers.require("nginx");
        BadSslPki bad = BadSslPki.get(pki);
        port = Peers.freePort();
        tls13Port = Peers.freePort();
        tls12Port = Peers.freePort();
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("server-ec-chain.pem"), Files.readString(pki.file("server-ec.pem"))
                + Files.readString(pki.file("ca-ec.pem")));
        Files.writeString(dir.resolve("server-rsa-chain.pem"), Files.readString(pki.file("server-rsa.pem"))
                + Files.readString(pki.file("ca-rsa.pem")));
        String body = "return 200 \"nginx saw $ssl_protocol $ssl_cipher curve=$ssl_curve alpn=$ssl_alpn_protocol"
                + " sni=$ssl_server_name reused=$ssl_session_reused client=$ssl_client_verify:$ssl_client_s_dn\\n\";";
        String localCerts = "ssl_certificate " + dir.resolve("server-ec-chain.pem") + "; ssl_certificate_key "
                + pki.file("server-ec.key") + "; ssl_certificate " + dir.resolve("server-rsa-chain.pem")
                + "; ssl_certificate_key " + pki.file("server-rsa.key") + ";";
        List<String> conf = new ArrayList<>(List.of("daemon off;", "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";", "error_log stderr notice;",
                "events { worker_connections 64; }", "http {", "  access_log off;",
                "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
                "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
                "  ssl_ecdh_curve X25519:prime256v1:secp384r1;",
                "  ssl_session_cache shared:TLS:1m; ssl_session_tickets on;",
                "  server { listen 127.0.0.1:" + port + " ssl http2 default_server; server_name localhost;",
                "    ssl_protocols TLSv1.2 TLSv1.3; " + localCerts + " location / { " + body + " } }",
                "  server { listen 127.0.0.1:" + port + " ssl http2; server_name mtls.localhost; " + localCerts,
                "    ssl_client_certificate " + pki.file("ca.pem") + "; ssl_verify_client on;",
                "    location / { " + body + " } }"));
        for (String name : concat(BAD_HOSTS, "good")) {
            conf.add("  server { listen 127.0.0.1:" + port + " ssl http2; server_name " + name + ".localhost;");
            conf.add("    ssl_certificate " + bad.chain(name) + "; ssl_certificate_key " + bad.key(name) + ";");
            conf.add("    location / { " + body + " } }");
        }
        conf.add("  server { listen 127.0.0.1:" + tls13Port + " ssl http2; ssl_protocols TLSv1.3; " + localCerts
                + " location / { " + body + " } }");
        conf.add("  server { listen 127.0.0.1:" + tls12Port + " ssl http2; ssl_protocols TLSv1.2; " + localCerts
                + " location / { " + body + " } }");
        conf.add("}");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, String.join("\n", conf) + "\n");
        log = dir.resolve("nginx.log");
        // -e stderr: never open the compiled-in /var/log/nginx/error.log (INTEROP.md §3).
        process = new ProcessBuilder(nginx, "-e", "stderr", "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int p : List.of(port, tls13Port, tls12Port)) {
            awaitPort(p);
        }
    }

    /** {@code nginx -V}'s first lines: version and the OpenSSL it was built with. */
    static String version(Path dir) throws Exception {
        try (PeerProcess p = PeerProcess.start(dir, List.of(Peers.require("nginx"), "-V"))) {
            p.waitFor(10_000);
            return String.join("; ", p.output().lines().filter(l -> l.startsWith("nginx version")
                    || l.startsWith("built with")).toList());
        }
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
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
