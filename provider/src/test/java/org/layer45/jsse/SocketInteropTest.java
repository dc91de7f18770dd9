package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SSLSocket / SSLServerSocket over 127.0.0.1: Layer45 against SunJSSE both ways, layered sockets,
 * client authentication, hostname verification, concurrent read + write, soTimeout, close during
 * the handshake and HandshakeCompletedListener.
 */
class SocketInteropTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static SSLServerSocket listen(SSLContext ctx) throws IOException {
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
    }

    /** Accepts one connection and echoes length-prefixed messages until EOF. */
    private Future<SSLSocket> echoOnce(SSLServerSocket ss) {
        return pool.submit(() -> {
            SSLSocket s = (SSLSocket) ss.accept();
            s.setTcpNoDelay(true); // an echo of partial segments would otherwise wait on delayed ACKs
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            }
            return s;
        });
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }

    @ParameterizedTest(name = "{0} client -> {1} server, layered={2}")
    @CsvSource({"Layer45, SunJSSE, false", "SunJSSE, Layer45, false", "Layer45, Layer45, true",
        "Layer45, SunJSSE, true"})
    void echo(String clientProvider, String serverProvider, boolean layered) throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, null);
        SSLContext sctx = TestPki.context(serverProvider, TestPki.serverKeys());
        try (SSLServerSocket ss = listen(sctx)) {
            Future<SSLSocket> server = echoOnce(ss);
            SSLSocket c;
            if (layered) {
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
                c = (SSLSocket) cctx.getSocketFactory().createSocket(plain, "localhost", ss.getLocalPort(), true);
            } else {
                c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", ss.getLocalPort());
            }
            SSLParameters p = c.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            c.setSSLParameters(p);
            AtomicReference<String> listened = new AtomicReference<>();
            c.addHandshakeCompletedListener(e -> listened.set(e.getCipherSuite() + " " + Thread.currentThread()));
            try (c) {
                c.startHandshake();
                byte[] msg = new byte[50_000];
                new Random(3).nextBytes(msg);
                c.getOutputStream().write(msg);
                assertArrayEquals(msg, readFully(c.getInputStream(), msg.length));
                assertEquals("TLSv1.3", c.getSession().getProtocol());
                if (clientProvider.equals("Layer45")) {
                    assertInstanceOf(EngineSocket.class, c);
                    assertNotNull(listened.get(), "HandshakeCompletedListener not called");
                    assertTrue(listened.get().contains(Thread.currentThread().toString()),
                            "listener runs on the handshaking thread");
                }
            }
            server.get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0} server, client auth {1}, client has key {2}")
    @CsvSource({"Layer45, need, true", "Layer45, want, true", "Layer45, want, false", "Layer45, none, true",
        "SunJSSE, need, true", "Layer45, need, false"})
    void clientAuth(String serverProvider, String mode, boolean clientHasKey) throws Exception {
        String clientProvider = serverProvider.equals("Layer45") ? "SunJSSE" : "Layer45";
        KeyStore clientKeys = clientHasKey ? TestPki.clientKeys() : null;
        SSLContext cctx = TestPki.context(clientProvider, clientKeys);
        SSLContext sctx = TestPki.context(serverProvider, TestPki.serverKeys("ec"));
        try (SSLServerSocket ss = listen(sctx)) {
            ss.setNeedClientAuth(mode.equals("need"));
            if (mode.equals("want")) {
                ss.setWantClientAuth(true);
            }
            CompletableFuture<String> peer = new CompletableFuture<>();
            pool.submit(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    String who;
                    try {
                        who = s.getSession().getPeerPrincipal().getName();
                    } catch (SSLPeerUnverifiedException e) {
                        who = "anonymous";
                    }
                    s.getOutputStream().write(1);
                    peer.complete(who);
                } catch (IOException e) {
                    peer.completeExceptionally(e);
                }
                return null;
            });
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                if (mode.equals("need") && !clientHasKey) {
                    // TLS 1.3: the client finishes first; the server's certificate_required alert arrives on read.
                    assertThrows(IOException.class, () -> {
                        c.startHandshake();
                        c.getInputStream().read();
                    });
                    Exception e = assertThrows(Exception.class, () -> peer.get(10, TimeUnit.SECONDS));
                    assertInstanceOf(SSLHandshakeException.class, e.getCause());
                    return;
                }
                c.startHandshake();
                assertEquals(1, c.getInputStream().read());
            }
            String expected = mode.equals("none") || !clientHasKey ? "anonymous" : "CN=client";
            assertEquals(expected, peer.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void hostnameMismatchFailsWithClearMessage() throws Exception {
        SSLContext cctx = TestPki.layer45(null);
        SSLContext sctx = TestPki.sun(TestPki.serverKeys("ec"));
        try (SSLServerSocket ss = listen(sctx)) {
            CompletableFuture<Exception> serverSaw = new CompletableFuture<>();
            pool.submit(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                    serverSaw.complete(null);
                } catch (IOException e) {
                    serverSaw.complete(e);
                }
                return null;
            });
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket(plain, "wrong.example.com",
                    ss.getLocalPort(), true)) {
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, c::startHandshake);
                assertTrue(e.getMessage().contains("server certificate rejected"), e.getMessage());
                assertTrue(e.getMessage().contains("wrong.example.com"), e.getMessage());
                assertTrue(e.getMessage().contains("certificate_unknown"), e.getMessage());
            }
            Exception onServer = serverSaw.get(10, TimeUnit.SECONDS);
            assertNotNull(onServer, "the server must see the failure");
            // The alert is sent before the client closes; a server still writing its flight may instead
            // see the TCP reset of that close first (a race in any TLS stack), hence the SocketException case.
            assertTrue(String.valueOf(onServer.getMessage()).contains("certificate_unknown")
                    || onServer instanceof java.net.SocketException, "server received the alert: " + onServer);
        }
    }

    @Test
    void concurrentReadAndWrite() throws Exception {
        SSLContext ctx = TestPki.layer45(TestPki.serverKeys("ec"));
        try (SSLServerSocket ss = listen(ctx)) {
            Future<SSLSocket> server = echoOnce(ss);
            try (SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.setTcpNoDelay(true);
                byte[] msg = new byte[1_000_000];
                new Random(5).nextBytes(msg);
                // The echo server cannot buffer 1 MB: without a concurrent reader this deadlocks.
                Future<byte[]> reader = pool.submit(() -> readFully(c.getInputStream(), msg.length));
                OutputStream out = c.getOutputStream();
                for (int off = 0; off < msg.length; off += 10_000) {
                    out.write(msg, off, Math.min(10_000, msg.length - off));
                }
                assertArrayEquals(msg, reader.get(30, TimeUnit.SECONDS));
                c.shutdownOutput();
            }
            server.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void soTimeoutThenRead() throws Exception {
        SSLContext ctx = TestPki.layer45(TestPki.serverKeys("ec"));
        try (SSLServerSocket ss = listen(ctx)) {
            CompletableFuture<Void> send = new CompletableFuture<>();
            pool.submit(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    send.get();
                    s.getOutputStream().write(42);
                    s.getInputStream().read();
                }
                return null;
            });
            try (SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.startHandshake();
                c.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, () -> c.getInputStream().read());
                send.complete(null);
                c.setSoTimeout(5000);
                assertEquals(42, c.getInputStream().read());
            }
        }
    }

    @Test
    void closeDuringHandshakeDoesNotHang() throws Exception {
        SSLContext ctx = TestPki.layer45(null);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            pool.submit(() -> {
                Socket s = silent.accept(); // never answers the ClientHello
                Thread.sleep(10_000);
                s.close();
                return null;
            });
            SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", silent.getLocalPort());
            Future<Object> handshake = pool.submit(() -> {
                c.startHandshake();
                return null;
            });
            Thread.sleep(300);
            assertTimeoutPreemptively(Duration.ofSeconds(5), c::close);
            Exception e = assertThrows(Exception.class, () -> handshake.get(5, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, e.getCause());
        }
    }
}
