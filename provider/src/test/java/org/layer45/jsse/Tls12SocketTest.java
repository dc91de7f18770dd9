package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 over SSLSocket / SSLServerSocket on 127.0.0.1 against SunJSSE, both roles: every TLS 1.2
 * suite with an echo of 40 kB, the version switch (a TLS 1.2-only server socket, a TLS 1.2-only
 * client socket) and resumption of a TLS 1.2 session over sockets to the same host and port.
 */
@Timeout(60)
class Tls12SocketTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static Stream<Arguments> suitesBothRoles() {
        return Tls12EngineTest.SUITES_12.stream().flatMap(
                s -> Stream.of(Arguments.of("Layer45", "SunJSSE", s), Arguments.of("SunJSSE", "Layer45", s)));
    }

    @ParameterizedTest(name = "{0} client -> {1} server, {2}")
    @MethodSource("suitesBothRoles")
    void everySuiteBothRoles(String clientProvider, String serverProvider, String suite) throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, "TLSv1.2", null);
        SSLContext sctx = TestPki.context(serverProvider, "TLS", TestPki.serverKeys(Tls12EngineTest.keyFor(suite)));
        try (SSLServerSocket ss = listen(sctx)) {
            Future<SSLSession> server = echoOnce(ss);
            try (SSLSocket c = (SSLSocket) cctx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.setEnabledCipherSuites(new String[] {suite});
                echo(c, 40_000);
                assertEquals("TLSv1.2", c.getSession().getProtocol());
                assertEquals(suite, c.getSession().getCipherSuite());
            }
            SSLSession s = server.get(10, TimeUnit.SECONDS);
            assertEquals("TLSv1.2", s.getProtocol());
            assertEquals(suite, s.getCipherSuite());
            if (serverProvider.equals("Layer45")) {
                assertEquals("Layer45", s.getValue(Session.PROVIDER_KEY));
            }
        }
    }

    /** Layer45 server socket limited to TLS 1.2, SunJSSE client offering 1.3 + 1.2; then the reverse. */
    @Test
    void tls12OnlyEndsGetTls12() throws Exception {
        SSLContext ours = TestPki.layer45(TestPki.serverKeys());
        SSLContext sun = TestPki.sun(TestPki.serverKeys());
        try (SSLServerSocket ss = listen(ours)) {
            ss.setEnabledProtocols(new String[] {"TLSv1.2"});
            Future<SSLSession> server = echoOnce(ss);
            try (SSLSocket c = (SSLSocket) sun.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                echo(c, 1000);
                assertEquals("TLSv1.2", c.getSession().getProtocol());
            }
            assertEquals("TLSv1.2", server.get(10, TimeUnit.SECONDS).getProtocol());
        }
        try (SSLServerSocket ss = listen(sun)) {
            Future<SSLSession> server = echoOnce(ss);
            try (SSLSocket c = (SSLSocket) ours.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                c.setEnabledProtocols(new String[] {"TLSv1.2"});
                echo(c, 1000);
                assertEquals("TLSv1.2", c.getSession().getProtocol());
            }
            assertEquals("TLSv1.2", server.get(10, TimeUnit.SECONDS).getProtocol());
        }
    }

    /** Two sockets of one Layer45 "TLSv1.2" context to one SunJSSE server: the second resumes. */
    @Test
    void resumesOverSockets() throws Exception {
        SSLContext ours = TestPki.context("Layer45", "TLSv1.2", null);
        SSLContext sun = TestPki.sun(TestPki.serverKeys("ec"));
        try (SSLServerSocket ss = listen(sun)) {
            SSLSession[] client = new SSLSession[2];
            SSLSession[] server = new SSLSession[2];
            for (int i = 0; i < 2; i++) {
                Future<SSLSession> s = echoOnce(ss);
                try (SSLSocket c = (SSLSocket) ours.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                    echo(c, 100);
                    client[i] = c.getSession();
                }
                server[i] = s.get(10, TimeUnit.SECONDS);
            }
            assertFalse(((Session) client[0]).resumed());
            assertTrue(((Session) client[1]).resumed(), "abbreviated handshake");
            assertEquals(Boolean.FALSE, client[0].getValue(Session.RESUMED_KEY));
            assertEquals(Boolean.TRUE, client[1].getValue(Session.RESUMED_KEY));
            assertArrayEquals(server[0].getId(), server[1].getId(), "SunJSSE resumed the same session");
            assertArrayEquals(client[0].getId(), client[1].getId());
        }
    }

    private static SSLServerSocket listen(SSLContext ctx) throws IOException {
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
    }

    /** Accepts one connection, echoes until EOF and returns its session. */
    private Future<SSLSession> echoOnce(SSLServerSocket ss) {
        return pool.submit(() -> {
            try (SSLSocket s = (SSLSocket) ss.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
                return s.getSession();
            }
        });
    }

    private static void echo(SSLSocket c, int size) throws IOException {
        c.setTcpNoDelay(true);
        byte[] msg = new byte[size];
        new Random(size).nextBytes(msg);
        c.getOutputStream().write(msg);
        byte[] back = new byte[size];
        new DataInputStream(c.getInputStream()).readFully(back);
        assertArrayEquals(msg, back);
        c.shutdownOutput();
    }
}
