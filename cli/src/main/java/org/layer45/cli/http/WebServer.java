package org.layer45.cli.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.layer45.jsse.Session;

/**
 * A small HTTP/1.1 server over Layer45's {@link SSLServerSocket}, plus an optional plain HTTP port
 * that answers every request with a 301 to the HTTPS URL (the port 80 → 443 convention). HTTPS
 * responses carry Strict-Transport-Security; the HTTP port never does (RFC 6797 §7.2: "An HSTS Host
 * MUST NOT include the STS header field in HTTP responses conveyed over non-secure transport").
 * One thread per connection from a cached pool (JDK 17: no virtual threads); one log line per request.
 */
public final class WebServer implements AutoCloseable {
    /** What requests are answered with. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request) throws IOException;
    }

    /**
     * Server settings. {@code httpPort} -1 means no redirect port, 0 a free one; {@code redirectHost}
     * null redirects to the host the client named in its Host field.
     */
    public record Settings(SSLContext context, InetAddress bind, int httpsPort, int httpPort, Handler handler,
            Consumer<String> log, boolean keepAlive, long hstsMaxAgeSeconds, String redirectHost) {
    }

    private static final int IDLE_TIMEOUT_MILLIS = 30_000;
    private final Settings settings;
    private final SSLServerSocket https;
    private final ServerSocket http;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private volatile boolean closed;

    private WebServer(Settings settings, SSLServerSocket https, ServerSocket http) {
        this.settings = settings;
        this.https = https;
        this.http = http;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "layer45-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static WebServer start(Settings s) throws IOException {
        SSLServerSocket https = (SSLServerSocket) s.context().getServerSocketFactory().createServerSocket();
        ServerSocket http = null;
        try {
            https.setReuseAddress(true);
            https.bind(new InetSocketAddress(s.bind(), s.httpsPort()), 128);
            if (s.httpPort() >= 0) {
                http = new ServerSocket();
                http.setReuseAddress(true);
                http.bind(new InetSocketAddress(s.bind(), s.httpPort()), 128);
            }
        } catch (IOException e) {
            https.close();
            if (http != null) {
                http.close();
            }
            throw e;
        }
        WebServer server = new WebServer(s, https, http);
        server.pool.execute(() -> server.acceptLoop(https, server::serveHttps));
        if (http != null) {
            ServerSocket plain = http;
            server.pool.execute(() -> server.acceptLoop(plain, server::serveRedirect));
        }
        return server;
    }

    public int httpsPort() {
        return https.getLocalPort();
    }

    /** The redirect port, or -1 when there is none. */
    public int httpPort() {
        return http == null ? -1 : http.getLocalPort();
    }

    /** TLS connections accepted (handshake completed) so far. */
    public int connections() {
        return connections.get();
    }

    /** How many of those resumed an earlier session. */
    public int resumedConnections() {
        return resumed.get();
    }

    private void acceptLoop(ServerSocket server, Consumer<Socket> serve) {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    settings.log().accept("accept failed on port " + server.getLocalPort() + ": " + e.getMessage());
                }
                return;
            }
            open.add(s);
            pool.execute(() -> {
                try {
                    serve.accept(s);
                } finally {
                    open.remove(s);
                    closeQuietly(s);
                }
            });
        }
    }

    private void serveHttps(Socket socket) {
        SSLSocket tls = (SSLSocket) socket;
        String peer = peer(socket);
        String[] offeredAlpn = {null};
        long handshakeMillis;
        try {
            tls.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            // The standard JSSE selector hook: see what the client offered, speak HTTP/1.1 only.
            tls.setHandshakeApplicationProtocolSelector((sock, offered) -> {
                offeredAlpn[0] = String.join(",", offered);
                return offered.contains("http/1.1") ? "http/1.1" : null;
            });
            long t0 = System.nanoTime();
            tls.startHandshake();
            handshakeMillis = (System.nanoTime() - t0) / 1_000_000;
            connections.incrementAndGet();
        } catch (IOException e) {
            settings.log().accept(peer + " TLS handshake failed: " + e.getMessage());
            return;
        }
        Request.TlsFacts facts = facts(tls.getSession(), tls.getApplicationProtocol(), offeredAlpn[0], handshakeMillis);
        if (facts.resumed()) {
            resumed.incrementAndGet();
        }
        try {
            InputStream in = new BufferedInputStream(tls.getInputStream());
            OutputStream out = new BufferedOutputStream(tls.getOutputStream());
            boolean more = true;
            while (more && !closed) {
                HttpHead head = HttpHead.read(in);
                if (head == null) {
                    return;
                }
                more = answer(head, facts, out, peer);
            }
        } catch (SocketTimeoutException e) {
            return; // idle keep-alive connection: just close it
        } catch (IOException e) {
            if (!closed) {
                settings.log().accept(peer + " connection error: " + e.getMessage());
            }
        }
    }

    /** Answers one request; returns whether the connection stays open for another. */
    private boolean answer(HttpHead head, Request.TlsFacts facts, OutputStream out, String peer) throws IOException {
        String[] parts = head.startLine().split(" ");
        Response response;
        boolean keepAlive = settings.keepAlive();
        Request request = null;
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            response = Response.text(400, "Bad Request", "malformed request line\n");
            keepAlive = false;
        } else {
            String target = parts[1];
            int q = target.indexOf('?');
            request = new Request(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null
                    : target.substring(q + 1), parts[2], head, facts);
            keepAlive &= !head.fieldHasToken("Connection", "close")
                    && (parts[2].equals("HTTP/1.1") || head.fieldHasToken("Connection", "keep-alive"));
            response = settings.handler().handle(request);
        }
        // RFC 6797 §6.1: Strict-Transport-Security on responses over secure transport.
        response.field("Strict-Transport-Security", "max-age=" + settings.hstsMaxAgeSeconds());
        // Logged before the response is sent, so a client that has its answer also finds it in the log.
        settings.log().accept(peer + " " + facts.oneLine() + " (handshake " + facts.handshakeMillis() + " ms) \""
                + head.startLine() + "\" " + response.status() + " " + response.length());
        ResponseWriter.write(out, response, request != null && request.method().equals("HEAD"), keepAlive);
        return keepAlive;
    }

    private void serveRedirect(Socket socket) {
        String peer = peer(socket);
        try {
            socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            HttpHead head = HttpHead.read(new BufferedInputStream(socket.getInputStream()));
            if (head == null) {
                return;
            }
            String[] parts = head.startLine().split(" ");
            String path = parts.length >= 2 && parts[1].startsWith("/") ? parts[1] : "/";
            String host = settings.redirectHost() != null ? settings.redirectHost() : hostFor(head.field("Host"));
            String location = "https://" + host + ":" + httpsPort() + path;
            Response r = Response.text(301, "Moved Permanently", "moved to " + location + "\n").field("Location",
                    location);
            settings.log().accept(peer + " plain HTTP \"" + head.startLine() + "\" 301 -> " + location);
            ResponseWriter.write(new BufferedOutputStream(socket.getOutputStream()), r,
                    parts.length > 0 && parts[0].equals("HEAD"), false);
        } catch (IOException e) {
            if (!closed) {
                settings.log().accept(peer + " plain HTTP error: " + e.getMessage());
            }
        }
    }

    /** The host part of a Host field (RFC 9110 §7.2), if it is a plain name or address; else localhost. */
    static String hostFor(String hostField) {
        if (hostField == null) {
            return "localhost";
        }
        String h = hostField.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(0, end + 1) : "";
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        // Only name and address characters: a Location built from it cannot carry header injection.
        return h.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]") ? h : "localhost";
    }

    private static Request.TlsFacts facts(SSLSession s, String alpn, String offered, long handshakeMillis) {
        Object group = s.getValue(Session.NAMED_GROUP_KEY);
        String sni = null;
        if (s instanceof javax.net.ssl.ExtendedSSLSession x) {
            for (javax.net.ssl.SNIServerName n : x.getRequestedServerNames()) {
                if (n instanceof javax.net.ssl.SNIHostName h) {
                    sni = h.getAsciiName();
                }
            }
        }
        return new Request.TlsFacts(s.getProtocol(), s.getCipherSuite(), group == null ? null : group.toString(),
                Boolean.TRUE.equals(s.getValue(Session.RESUMED_KEY)), alpn == null || alpn.isEmpty() ? null : alpn,
                offered, sni, handshakeMillis);
    }

    private static String peer(Socket s) {
        InetAddress a = s.getInetAddress();
        return (a == null ? "?" : a.getHostAddress()) + ":" + s.getPort();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing a connection the peer already dropped; nothing left to do with it.
            return;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        IOException first = null;
        for (ServerSocket s : http == null ? List.of(https) : List.of(https, http)) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.forEach(WebServer::closeQuietly);
        pool.shutdownNow();
        if (first != null && !(first instanceof SocketException)) {
            throw first;
        }
    }
}
