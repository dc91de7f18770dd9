package org.layer45.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nginx (INTEROP.md §3) in the foreground ({@code daemon off}, {@code -e stderr -p DIR}) on three free
 * loopback ports, from a config generated into a temp folder, in one of two layouts:
 * <ul>
 * <li>{@link #start}: the interop layout. {@link #port}: TLS 1.2 + 1.3, HTTP/2 + HTTP/1.1, the default
 *     vhost {@code localhost} (EC and RSA certificates with their CA; {@code /bulk.bin} is
 *     {@link #bulkFile}), {@code mtls.localhost}
 *     ({@code ssl_verify_client on}), and the badssl vhosts of {@link BadSslPki}, chosen by SNI;
 *     {@link #tls13Port} / {@link #tls12Port}: one version each (nginx 1.22 ignores
 *     {@code ssl_protocols} in an SNI-selected server block, so versions get their own ports);
 *     {@link #tls13Ports}: more TLS 1.3-only ports, one per server certificate ({@code ec}, {@code rsa},
 *     {@code ed25519}: the client cannot pick nginx's certificate otherwise) and {@code hrr}, whose only
 *     group is secp384r1, so a client that shared x25519 gets a HelloRetryRequest.</li>
 * <li>{@link #startForHttpClients}: the client-library layout, the test PKI's ECDSA certificate
 *     alone on all three ports (same versions per port).</li>
 * </ul>
 * Every response body reports nginx's own view: {@code nginx saw <protocol> <cipher> curve=<group>
 * alpn=<alpn>}, then for the interop layout {@code sni=<name> reused=<r or .> client=<verify
 * result>:<subject>}, for the client-library layout {@code http=<HTTP version> sni=<name> reused=<r or .>}.
 */
final class NginxPeer implements AutoCloseable {
    static final String PEER = "nginx";
    static final List<String> BAD_HOSTS = List.of("expired", "not-yet-valid", "wrong-host", "self-signed",
            "untrusted-root", "incomplete-chain");
    /** The interop layout's response: nginx's view of the TLS session and of the client certificate. */
    private static final String INTEROP_REPORT = location("alpn=$ssl_alpn_protocol sni=$ssl_server_name"
            + " reused=$ssl_session_reused client=$ssl_client_verify:$ssl_client_s_dn");
    /** The client-library layout's response: the TLS session and the HTTP version the library spoke. */
    private static final String HTTP_CLIENTS_REPORT = location("alpn=$ssl_alpn_protocol http=$server_protocol"
            + " sni=$ssl_server_name reused=$ssl_session_reused");
    final int port;
    final int tls13Port;
    final int tls12Port;
    /** Interop layout: the single-purpose TLS 1.3 ports by name (see the class comment); else empty. */
    final Map<String, Integer> tls13Ports;
    /**
     * Interop layout: the file nginx serves as {@code /bulk.bin} on {@link #port} (a test writes it,
     * nginx opens it per request); null in the client-library layout.
     */
    Path bulkFile;
    private final Process process;
    private final Path log;

    private NginxPeer(Path dir, int port, int tls13Port, int tls12Port, Map<String, Integer> tls13Ports,
            List<String> servers) throws Exception {
        String nginx = Peers.require("nginx");
        this.port = port;
        this.tls13Port = tls13Port;
        this.tls12Port = tls12Port;
        this.tls13Ports = Map.copyOf(tls13Ports);
        Files.createDirectories(dir.resolve("tmp"));
        List<String> conf = new ArrayList<>(List.of("daemon off;", "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";", "error_log stderr notice;",
                "events { worker_connections 64; }", "http {", "  access_log off;",
                "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
                "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
                "  ssl_ecdh_curve X25519:prime256v1:secp384r1;",
                "  ssl_session_cache shared:TLS:1m; ssl_session_tickets on;"));
        conf.addAll(servers);
        conf.add("}");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, String.join("\n", conf) + "\n");
        log = dir.resolve("nginx.log");
        // -e stderr: never open the compiled-in /var/log/nginx/error.log (INTEROP.md §3).
        process = new ProcessBuilder(nginx, "-e", "stderr", "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int p : List.of(port, tls13Port, tls12Port)) {
                awaitPort(p);
            }
            for (int p : tls13Ports.values()) {
                awaitPort(p);
            }
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The interop layout (see the class comment), run from {@code dir}. */
    static NginxPeer start(TestPki pki, Path dir) throws Exception {
        Peers.require("nginx");
        BadSslPki bad = BadSslPki.get(pki);
        Files.createDirectories(dir);
        Map<String, String> certs = new LinkedHashMap<>();
        for (String[] leaf : new String[][] {{"ec", "ec"}, {"rsa", "rsa"}, {"ed25519", "ec"}}) {
            Path chain = dir.resolve("server-" + leaf[0] + "-chain.pem");
            Files.writeString(chain, Files.readString(pki.file("server-" + leaf[0] + ".pem"))
                    + Files.readString(pki.file("ca-" + leaf[1] + ".pem")));
            certs.put(leaf[0], "ssl_certificate " + chain + "; ssl_certificate_key " + pki.file("server-" + leaf[0]
                    + ".key") + ";");
        }
        String localCerts = certs.get("ec") + " " + certs.get("rsa");
        // The worker runs as nobody when the tests run as root: the bulk file needs a world-readable folder.
        Path bulkDir = Files.createTempDirectory("layer45-nginx-bulk",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port = Peers.freePort();
        List<String> servers = new ArrayList<>(List.of(
                "  server { listen 127.0.0.1:" + port + " ssl http2 default_server; server_name localhost;",
                "    ssl_protocols TLSv1.2 TLSv1.3; " + localCerts + " " + INTEROP_REPORT,
                "    location = /bulk.bin { root " + bulkDir + "; default_type application/octet-stream; } }",
                "  server { listen 127.0.0.1:" + port + " ssl http2; server_name mtls.localhost; " + localCerts,
                "    ssl_client_certificate " + pki.file("ca.pem") + "; ssl_verify_client on;",
                "    " + INTEROP_REPORT + " }"));
        List<String> names = new ArrayList<>(BAD_HOSTS);
        names.add("good");
        for (String name : names) {
            servers.add("  server { listen 127.0.0.1:" + port + " ssl http2; server_name " + name + ".localhost;");
            servers.add("    ssl_certificate " + bad.chain(name) + "; ssl_certificate_key " + bad.key(name) + ";");
            servers.add("    " + INTEROP_REPORT + " }");
        }
        Map<String, String> tls13Servers = new LinkedHashMap<>(certs);
        tls13Servers.put("hrr", certs.get("ec") + " ssl_ecdh_curve secp384r1;");
        NginxPeer nginx = withVersionPorts(dir, port, localCerts, INTEROP_REPORT, servers, tls13Servers);
        nginx.bulkFile = bulkDir.resolve("bulk.bin");
        return nginx;
    }

    /** The client-library layout (see the class comment): the ECDSA leaf alone, run from {@code dir}. */
    static NginxPeer startForHttpClients(TestPki pki, Path dir) throws Exception {
        String ecCert = "ssl_certificate " + pki.file("server-ec.pem") + "; ssl_certificate_key "
                + pki.file("server-ec.key") + ";";
        int port = Peers.freePort();
        List<String> servers = new ArrayList<>(List.of("  server { listen 127.0.0.1:" + port
                + " ssl http2; ssl_protocols TLSv1.2 TLSv1.3; " + ecCert + " " + HTTP_CLIENTS_REPORT + " }"));
        return withVersionPorts(dir, port, ecCert, HTTP_CLIENTS_REPORT, servers, Map.of());
    }

    /**
     * Adds the TLS 1.3-only and TLS 1.2-only servers with {@code certs}, and a TLS 1.3-only server
     * for each entry of {@code tls13Servers} (name → its certificate and settings), and starts nginx.
     */
    private static NginxPeer withVersionPorts(Path dir, int port, String certs, String location,
            List<String> servers, Map<String, String> tls13Servers) throws Exception {
        int tls13Port = Peers.freePort();
        int tls12Port = Peers.freePort();
        servers.add(versionServer(tls13Port, "TLSv1.3", certs, location));
        servers.add(versionServer(tls12Port, "TLSv1.2", certs, location));
        Map<String, Integer> tls13Ports = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : tls13Servers.entrySet()) {
            int p = Peers.freePort();
            tls13Ports.put(e.getKey(), p);
            servers.add(versionServer(p, "TLSv1.3", e.getValue(), location));
        }
        return new NginxPeer(dir, port, tls13Port, tls12Port, tls13Ports, servers);
    }

    private static String versionServer(int port, String version, String settings, String location) {
        return "  server { listen 127.0.0.1:" + port + " ssl http2; ssl_protocols " + version + "; " + settings + " "
                + location + " }";
    }

    /** The one location block: a plain-text report that begins with the version, suite and group. */
    private static String location(String tail) {
        return "location / { default_type text/plain; return 200 \"nginx saw $ssl_protocol $ssl_cipher"
                + " curve=$ssl_curve " + tail + "\\n\"; }";
    }

    /** {@code nginx -V}'s first lines: version and the OpenSSL it was built with. */
    static String version(Path dir) throws Exception {
        try (PeerProcess p = PeerProcess.start(dir, List.of(Peers.require("nginx"), "-V"))) {
            p.waitFor(10_000);
            return String.join("; ", p.output().lines().filter(l -> l.startsWith("nginx version")
                    || l.startsWith("built with")).toList());
        }
    }

    /** The root URL of one of our ports, by the name the certificates carry. */
    String url(int p) {
        return "https://localhost:" + p + "/";
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
