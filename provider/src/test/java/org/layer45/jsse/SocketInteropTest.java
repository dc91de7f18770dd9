package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSLSocket / SSLServerSocket over 127.0.0.1: Layer45 against SunJSSE both ways, layered sockets (client
 * and server mode, autoClose on and off), client authentication, hostname verification, concurrent
 * read + write, soTimeout on reads, on the handshake and on accept, close during the handshake and
 * HandshakeCompletedListener. Every blocking call has an soTimeout or a bounded wait.
 *
 * <p>Same on both (asserted for both): a handshake soTimeout throws the SocketTimeoutException itself,
 * leaves the socket open and a second startHandshake resumes; accept honours soTimeout.
 * {@code createSocket(Socket, InputStream consumed, boolean)} replays the bytes in {@code consumed} on both.
 */
@Timeout(120) // every test; the tighter per-test bounds below still apply
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
            c.setSoTimeout(10_000); // a stuck handshake fails the test instead of hanging the build
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
    @Timeout(30)
    void closeDuringHandshakeDoesNotHang() throws Exception {
        SSLContext ctx = TestPki.layer45(null);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch helloArrived = new CountDownLatch(1);
            CountDownLatch testDone = new CountDownLatch(1);
            pool.submit(() -> {
                try (Socket s = silent.accept()) {
                    s.setSoTimeout(10_000);
                    s.getInputStream().read(); // the ClientHello's first byte: the client now waits for us
                    helloArrived.countDown();
                    testDone.await(20, TimeUnit.SECONDS); // never answers; keeps the connection open
                }
                return null;
            });
            SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", silent.getLocalPort());
            try {
                Future<Object> handshake = pool.submit(() -> {
                    c.startHandshake();
                    return null;
                });
                assertTrue(helloArrived.await(10, TimeUnit.SECONDS), "the handshake started");
                assertTimeoutPreemptively(Duration.ofSeconds(5), c::close);
                Exception e = assertThrows(Exception.class, () -> handshake.get(5, TimeUnit.SECONDS));
                assertInstanceOf(IOException.class, e.getCause());
                assertTrue(c.isClosed());
            } finally {
                testDone.countDown();
            }
        }
    }

    // ---- timeouts

    /**
     * soTimeout bounds the handshake: against a peer that accepts and stays silent, startHandshake throws
     * SocketTimeoutException itself (not wrapped in an SSLException) after about soTimeout. As with any
     * Socket ("the Socket is still valid") and as SunJSSE does, the socket stays open and a later
     * startHandshake resumes the same handshake once the peer answers (here: a SunJSSE server layered
     * over the very connection that was silent).
     */
    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    @Timeout(30)
    void handshakeTimeoutThenResume(String clientProvider) throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, null);
        SSLContext sctx = TestPki.sun(TestPki.serverKeys("ec"));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch timedOut = new CountDownLatch(1);
            Future<Integer> server = pool.submit(() -> {
                try (Socket raw = silent.accept()) {
                    // Silent until the client has timed out; its ClientHello waits unread in the socket.
                    if (!timedOut.await(20, TimeUnit.SECONDS)) {
                        throw new AssertionError("client never timed out");
                    }
                    SSLSocket s = (SSLSocket) sctx.getSocketFactory().createSocket(raw, null, true);
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    s.getOutputStream().write(7);
                    return s.getInputStream().read();
                }
            });
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", silent.getLocalPort())) {
                c.setSoTimeout(300);
                long start = System.nanoTime();
                IOException e = assertThrows(IOException.class, c::startHandshake);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertInstanceOf(SocketTimeoutException.class, e, "the timeout itself, not a handshake failure");
                assertTrue(millis >= 250 && millis < 5_000, "bounded by soTimeout: " + millis + " ms");
                assertFalse(c.isClosed(), "a timeout does not close the socket");
                timedOut.countDown();
                c.setSoTimeout(10_000);
                c.startHandshake();
                assertEquals("TLSv1.3", c.getSession().getProtocol());
                assertEquals(7, c.getInputStream().read());
                c.getOutputStream().write(8);
            }
            assertEquals(8, server.get(10, TimeUnit.SECONDS));
        }
    }

    /** SSLServerSocket.accept honours soTimeout (SocketTimeoutException), and the socket accepts afterwards. */
    @ParameterizedTest(name = "{0} server")
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    @Timeout(30)
    void acceptTimeoutThenAccept(String serverProvider) throws Exception {
        String clientProvider = serverProvider.equals("Layer45") ? "SunJSSE" : "Layer45";
        SSLContext cctx = TestPki.context(clientProvider, null);
        SSLContext sctx = TestPki.context(serverProvider, TestPki.serverKeys("ec"));
        try (SSLServerSocket ss = listen(sctx)) {
            ss.setSoTimeout(200);
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, ss::accept);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 150 && millis < 5_000, "bounded by soTimeout: " + millis + " ms");
            assertFalse(ss.isClosed());
            ss.setSoTimeout(10_000);
            Future<SSLSocket> server = echoOnce(ss);
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.setSoTimeout(10_000);
                c.getOutputStream().write(5);
                assertEquals(5, c.getInputStream().read());
            }
            server.get(10, TimeUnit.SECONDS);
        }
    }

    // ---- layered sockets

    /**
     * A server-mode socket layered over an accepted plain socket with nothing read ahead
     * ({@code createSocket(Socket, InputStream, boolean)}, as a protocol multiplexer does): server mode,
     * handshake and echo against both clients; autoClose closes the plain socket.
     */
    @ParameterizedTest(name = "{0} layered server <- {1} client, consumed {2}")
    @CsvSource({"Layer45, SunJSSE, null", "Layer45, Layer45, empty", "SunJSSE, Layer45, empty"})
    @Timeout(30)
    void layeredServerModeSocket(String serverProvider, String clientProvider, String consumed) throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, null);
        SSLContext sctx = TestPki.context(serverProvider, TestPki.serverKeys("ec"));
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicReference<Socket> rawRef = new AtomicReference<>();
            Future<Boolean> server = pool.submit(() -> {
                Socket raw = plain.accept();
                rawRef.set(raw);
                InputStream none = consumed.equals("null") ? null : new ByteArrayInputStream(new byte[0]);
                SSLSocket s = (SSLSocket) sctx.getSocketFactory().createSocket(raw, none, true);
                boolean serverMode = !s.getUseClientMode();
                try (s) {
                    s.setSoTimeout(10_000);
                    byte[] got = readFully(s.getInputStream(), 3);
                    s.getOutputStream().write(got);
                    assertEquals(-1, s.getInputStream().read(), "close_notify ends the stream");
                }
                return serverMode;
            });
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", plain.getLocalPort())) {
                c.setSoTimeout(10_000);
                c.getOutputStream().write(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, readFully(c.getInputStream(), 3));
                assertEquals("TLSv1.3", c.getSession().getProtocol());
            }
            assertTrue(server.get(10, TimeUnit.SECONDS), "createSocket(Socket, InputStream, boolean) is server mode");
            assertTrue(rawRef.get().isClosed(), "autoClose=true closes the layered-over socket");
        }
    }

    /**
     * Layered server socket with bytes already read (here the 5-byte record header a multiplexer peeked
     * at): the TLS layer reads them first, then the socket, and serves the handshake.
     */
    @ParameterizedTest(name = "{0} layered server with pre-read bytes")
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    @Timeout(30)
    void layeredServerWithPreReadBytes(String serverProvider) throws Exception {
        SSLContext cctx = TestPki.sun(null);
        SSLContext sctx = TestPki.context(serverProvider, TestPki.serverKeys("ec"));
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Future<String> server = pool.submit(() -> {
                try (Socket raw = plain.accept()) {
                    raw.setSoTimeout(10_000);
                    byte[] header = readFully(raw.getInputStream(), 5);
                    assertEquals(22, header[0], "a TLS handshake record");
                    InputStream consumed = new ByteArrayInputStream(header);
                    try (SSLSocket s = (SSLSocket) sctx.getSocketFactory().createSocket(raw, consumed, true)) {
                        s.getOutputStream().write(9);
                        return "served " + s.getSession().getProtocol();
                    }
                }
            });
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", plain.getLocalPort())) {
                c.setSoTimeout(10_000);
                assertEquals(9, c.getInputStream().read());
            }
            // Only after the client closed: SunJSSE's TLS 1.3 close() may wait for the peer's close_notify.
            assertEquals("served TLSv1.3", server.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * A layered client socket with autoClose=false: close() ends TLS (close_notify) but leaves the plain
     * socket open, connected and usable: plaintext written on it afterwards reaches the server, which
     * reads it from its own plain stream after TLS ended (a SunJSSE server reads records exactly, so
     * nothing of that plaintext is swallowed by its TLS layer).
     */
    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    @Timeout(30)
    void layeredClientWithoutAutoCloseKeepsPlainSocket(String clientProvider) throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, null);
        SSLContext sctx = TestPki.sun(TestPki.serverKeys("ec"));
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Future<String> server = pool.submit(() -> {
                try (Socket raw = plain.accept()) {
                    raw.setSoTimeout(10_000);
                    SSLSocket s = (SSLSocket) sctx.getSocketFactory().createSocket(raw, null, false);
                    s.getOutputStream().write(readFully(s.getInputStream(), 5));
                    assertEquals(-1, s.getInputStream().read(), "the client's close_notify");
                    return new String(readFully(raw.getInputStream(), 5), StandardCharsets.US_ASCII);
                }
            });
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), plain.getLocalPort())) {
                raw.setSoTimeout(10_000);
                SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket(raw, "localhost", plain.getLocalPort(),
                        false);
                c.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), readFully(c.getInputStream(), 5));
                c.close();
                assertTrue(c.isClosed());
                assertFalse(raw.isClosed(), "autoClose=false: the plain socket stays open");
                assertTrue(raw.isConnected());
                assertFalse(raw.isOutputShutdown());
                assertFalse(raw.isInputShutdown());
                raw.getOutputStream().write("plain".getBytes(StandardCharsets.US_ASCII));
                assertEquals("plain", server.get(10, TimeUnit.SECONDS));
            }
        }
    }
}
