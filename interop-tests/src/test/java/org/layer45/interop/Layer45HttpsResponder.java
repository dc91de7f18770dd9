package org.layer45.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.layer45.jsse.Session;

/**
 * A tiny HTTPS/1.1 server in the test JVM on Layer45's own {@link SSLServerSocket} (127.0.0.1, free
 * port), for real clients such as curl and Chromium. ALPN offers only {@code http/1.1} (there is no
 * HTTP/2 here). Each request gets one small HTML page that reports the server's view of the TLS
 * session: {@code layer45 saw <protocol> <suite> group=<group> alpn=<alpn> sni=<name> resumed=<bool>
 * client=<subject or none>}; then the connection closes ({@code Connection: close}, close_notify), so
 * a second request from the same client is a new connection that may resume. Every session and
 * every handshake failure is kept for the test to inspect. Optional modes for single tests: a
 * {@link #download} served at {@code /bulk}, a {@link #keyUpdateMidResponse KeyUpdate} between the
 * response head and body, and restricted named groups. A {@code PUT /upload} with a Content-Length is
 * always accepted: the body is hashed as it arrives and the answer is {@code received <n> bytes
 * sha256=<hex>}.
 */
final class Layer45HttpsResponder implements AutoCloseable {
    final List<SSLSession> sessions = new CopyOnWriteArrayList<>();
    final List<String> pages = new CopyOnWriteArrayList<>();
    final List<Exception> failures = new CopyOnWriteArrayList<>();
    private final SSLServerSocket server;
    /** HTML added to each page, e.g. a sub-resource that makes a browser open a second connection. */
    volatile String pageExtra = "";
    /** When set, {@code GET /bulk} answers with this file (application/octet-stream). */
    volatile BulkData download;
    /** TLS 1.3: {@code startHandshake()} (a KeyUpdate, RFC 8446 §4.6.3) after the head, before the body. */
    volatile boolean keyUpdateMidResponse;
    private volatile boolean groupsProperty;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "layer45-https");
        t.setDaemon(true);
        return t;
    });

    /** Starts serving; {@code configure} may restrict protocols, require client auth, etc. */
    Layer45HttpsResponder(SSLContext ctx, Consumer<SSLServerSocket> configure) throws IOException {
        this(ctx, null, configure);
    }

    /**
     * Starts serving with only the named {@code groups} (null: the defaults). They are set before the
     * first {@code accept()}, which, as in SunJSSE, takes the server socket's settings when it is called.
     */
    Layer45HttpsResponder(SSLContext ctx, List<String> groups, Consumer<SSLServerSocket> configure)
            throws IOException {
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        var params = server.getSSLParameters();
        params.setApplicationProtocols(new String[] {"http/1.1"});
        server.setSSLParameters(params);
        configure.accept(server);
        if (groups != null) {
            try {
                restrictGroups(groups);
            } catch (IOException e) {
                server.close();
                throw e;
            }
        }
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Limits the server to {@code groups}: {@code SSLParameters.setNamedGroups} on JDK 20+; on JDK 17
     * the {@code jdk.tls.namedGroups} property (see {@link Layer45Groups}), cleared by {@link #close}.
     */
    private void restrictGroups(List<String> groups) throws IOException {
        if (TlsStack.SET_NAMED_GROUPS != null) {
            var params = server.getSSLParameters();
            try {
                TlsStack.SET_NAMED_GROUPS.invoke(params, (Object) groups.toArray(String[]::new));
            } catch (ReflectiveOperationException e) {
                throw new IOException("SSLParameters.setNamedGroups", e);
            }
            server.setSSLParameters(params);
        } else {
            groupsProperty = true;
            Layer45Groups.requireProperty(groups);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                pool.execute(() -> serve(s));
            } catch (SocketException closed) {
                return; // close() closed the listener
            } catch (IOException e) {
                failures.add(e);
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            SSLSession session = socket.getSession();
            sessions.add(session);
            InputStream in = socket.getInputStream();
            String head = readRequestHead(in);
            if (head == null) {
                return; // a browser's spare connection that never sent a request
            }
            if (head.startsWith("PUT /upload ")) {
                receiveUpload(socket, head);
                return;
            }
            BulkData bulk = download;
            if (bulk != null && head.startsWith("GET /bulk ")) {
                sendFile(socket, bulk);
                return;
            }
            String facts = "layer45 saw " + session.getProtocol() + " " + session.getCipherSuite() + " group="
                    + session.getValue(Session.NAMED_GROUP_KEY) + " alpn=" + socket.getApplicationProtocol()
                    + " sni=" + sni(session) + " resumed=" + session.getValue(Session.RESUMED_KEY) + " client="
                    + client(session);
            pages.add(facts);
            byte[] body = ("<html><body><p id=\"facts\">" + facts + "</p>" + pageExtra + "</body></html>\n")
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (keyUpdateMidResponse) {
                out.flush();
                socket.startHandshake(); // an established TLS 1.3 socket: sends a KeyUpdate
            }
            out.write(body);
            out.flush();
        } catch (IOException e) {
            failures.add(e);
        }
    }

    private void sendFile(SSLSocket socket, BulkData bulk) throws IOException {
        pages.add("bulk " + bulk.size);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bulk.size
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        java.nio.file.Files.copy(bulk.file, out);
        out.flush();
    }

    private void receiveUpload(SSLSocket socket, String head) throws IOException {
        long size = Long.parseLong(head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT)
                .startsWith("content-length:")).findFirst().orElseThrow().substring(15).strip());
        String facts = "received " + size + " bytes sha256=" + BulkData.sha256Of(socket.getInputStream(), size);
        pages.add(facts);
        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + (facts.length() + 1) + "\r\nConnection: close\r\n\r\n" + facts + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads up to the blank line after the request headers; null if the client sent nothing. */
    private static String readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        try {
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
        } catch (java.net.SocketTimeoutException idle) {
            return null;
        }
        return null;
    }

    private static String sni(SSLSession session) {
        if (session instanceof ExtendedSSLSession e) {
            return e.getRequestedServerNames().stream().filter(n -> n instanceof SNIHostName)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse("none");
        }
        return "none";
    }

    private static String client(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName().replace(' ', '_');
        } catch (SSLPeerUnverifiedException none) {
            return "none";
        }
    }

    /** The first handshake failure's message, or null. */
    String firstFailure() {
        return failures.isEmpty() ? null : failures.get(0).getMessage();
    }

    /**
     * Waits (bounded) for the server thread to record a failure: the client may report the alert
     * and exit before that thread has filed its exception. Returns the first message, or null.
     */
    String awaitFailure(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (failures.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return firstFailure();
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (groupsProperty) {
            Layer45Groups.clearProperty();
        }
        pool.shutdownNow(); // daemon threads; each connection is bounded by its 10 s read timeout
    }
}
