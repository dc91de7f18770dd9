package org.layer45.jsse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;

/**
 * The JDK's built-in HTTPS server (it drives an SSLEngine) on 127.0.0.1 with any SSLContext,
 * answering "hello over TLS" and remembering the server-side SSLSession of the last exchange.
 */
final class TestHttpsServer implements AutoCloseable {
    static final String BODY = "hello over TLS";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    final AtomicReference<SSLSession> lastSession = new AtomicReference<>();

    TestHttpsServer(SSLContext ctx) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", exchange -> {
            lastSession.set(((HttpsExchange) exchange).getSSLSession());
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
