package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSLEngine contract, run on the same script against Layer45 and SunJSSE (differential): the
 * engine under test is the client, its peer a SunJSSE server (a Layer45 one for half-close).
 *
 * <p>Intended differences, asserted per provider below:
 * <ul>
 *   <li>Failure: Layer45 returns CLOSED / NEED_WRAP from the failing unwrap, wrap flushes the alert (CLOSED)
 *       and the next unwrap throws (DESIGN.md §7); SunJSSE throws from the failing unwrap first and
 *       flushes the alert afterwards. Both send the alert and both throw SSLHandshakeException.</li>
 *   <li>wrap with a too-small dst: Layer45 fragments application data to fit when at least one byte
 *       plus the record overhead fits, and otherwise returns BUFFER_OVERFLOW; SunJSSE returns
 *       BUFFER_OVERFLOW unless a full record fits. The test uses a dst below both limits.</li>
 * </ul>
 */
class EngineContractTest {

    private static EngineLoop connect(String provider, boolean direct) throws Exception {
        SSLContext cctx = TestPki.context(provider, null);
        SSLContext sctx = TestPki.sun(TestPki.serverKeys("ec"));
        SSLEngine client = cctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = sctx.createSSLEngine();
        server.setUseClientMode(false);
        return new EngineLoop(client, server, direct).handshake();
    }

    /** One application record from the server, as raw bytes. */
    private static ByteBuffer serverRecord(EngineLoop loop, byte[] data) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(loop.server.getSession().getPacketBufferSize());
        SSLEngineResult r = loop.server.wrap(ByteBuffer.wrap(data), net);
        assertEquals(Status.OK, r.getStatus());
        net.flip();
        return net;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    void sessionBeforeHandshakeAndSizes(String provider) throws Exception {
        SSLEngine e = TestPki.context(provider, null).createSSLEngine();
        e.setUseClientMode(true);
        assertEquals("NONE", e.getSession().getProtocol());
        assertEquals("SSL_NULL_WITH_NULL_NULL", e.getSession().getCipherSuite());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, e.getHandshakeStatus());
        assertTrue(e.getSession().getPacketBufferSize() >= 16709 - 64);
        assertTrue(e.getSession().getApplicationBufferSize() >= 16384);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    void underflowAndOverflowConsumeNothing(String provider) throws Exception {
        EngineLoop loop = connect(provider, true);
        ByteBuffer record = serverRecord(loop, "hello".getBytes());
        int total = record.remaining();
        ByteBuffer app = ByteBuffer.allocate(loop.client.getSession().getApplicationBufferSize());

        ByteBuffer partial = record.duplicate();
        partial.limit(total - 1);
        SSLEngineResult r = loop.client.unwrap(partial, app);
        assertEquals(Status.BUFFER_UNDERFLOW, r.getStatus());
        assertEquals(0, r.bytesConsumed());
        assertEquals(0, partial.position());

        ByteBuffer tiny = ByteBuffer.allocate(2);
        r = loop.client.unwrap(record, tiny);
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesConsumed());
        assertEquals(0, record.position());

        r = loop.client.unwrap(record, app);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(total, r.bytesConsumed());
        assertEquals(5, r.bytesProduced());

        ByteBuffer tinyNet = ByteBuffer.allocate(10);
        r = loop.client.wrap(ByteBuffer.wrap(new byte[100]), tinyNet);
        assertEquals(Status.BUFFER_OVERFLOW, r.getStatus());
        assertEquals(0, r.bytesConsumed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    void coalescedRecordsOnePerUnwrap(String provider) throws Exception {
        EngineLoop loop = connect(provider, false);
        ByteBuffer a = serverRecord(loop, "first".getBytes());
        ByteBuffer b = serverRecord(loop, "second".getBytes());
        ByteBuffer both = ByteBuffer.allocate(a.remaining() + b.remaining());
        int firstLength = a.remaining();
        both.put(a).put(b).flip();
        ByteBuffer app = ByteBuffer.allocateDirect(loop.client.getSession().getApplicationBufferSize());
        SSLEngineResult r = loop.client.unwrap(both, app);
        assertEquals(firstLength, r.bytesConsumed(), "exactly one record per unwrap");
        assertEquals(5, r.bytesProduced());
        r = loop.client.unwrap(both, app);
        assertEquals(6, r.bytesProduced());
        assertFalse(both.hasRemaining());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    void gatheringWrapFromReadOnlyMixedSources(String provider) throws Exception {
        EngineLoop loop = connect(provider, false);
        ByteBuffer direct = ByteBuffer.allocateDirect(3);
        direct.put("ccc".getBytes()).flip();
        ByteBuffer[] srcs = {ByteBuffer.wrap("aa".getBytes()).asReadOnlyBuffer(), ByteBuffer.allocate(0),
            ByteBuffer.wrap("bbbb".getBytes()), direct};
        ByteBuffer net = ByteBuffer.allocateDirect(loop.client.getSession().getPacketBufferSize());
        SSLEngineResult r = loop.client.wrap(srcs, net);
        assertEquals(Status.OK, r.getStatus());
        assertEquals(9, r.bytesConsumed(), "all sources in one record");
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(loop.server.getSession().getApplicationBufferSize());
        loop.server.unwrap(net, app);
        app.flip();
        byte[] got = new byte[app.remaining()];
        app.get(got);
        assertArrayEquals("aabbbbccc".getBytes(), got);
        assertFalse(net.hasRemaining(), "one record");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    void closeNotifyExchange(String provider) throws Exception {
        EngineLoop loop = connect(provider, false);
        loop.client.closeOutbound();
        assertEquals(HandshakeStatus.NEED_WRAP, loop.client.getHandshakeStatus());
        ByteBuffer net = ByteBuffer.allocate(loop.client.getSession().getPacketBufferSize());
        SSLEngineResult r = loop.client.wrap(ByteBuffer.allocate(0), net);
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0);
        assertTrue(loop.client.isOutboundDone());
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(loop.server.getSession().getApplicationBufferSize());
        r = loop.server.unwrap(net, app);
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(loop.server.isInboundDone());
        // The server answers with its own close_notify; the client sees CLOSED and is done.
        loop.server.closeOutbound();
        ByteBuffer back = ByteBuffer.allocate(loop.server.getSession().getPacketBufferSize());
        while (!loop.server.isOutboundDone()) {
            loop.server.wrap(ByteBuffer.allocate(0), back);
        }
        back.flip();
        r = loop.client.unwrap(back, ByteBuffer.allocate(loop.client.getSession().getApplicationBufferSize()));
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(loop.client.isInboundDone());
    }

    /** TLS 1.3 half-close (RFC 8446 §6.1), Layer45 on both ends: after our close_notify we still receive. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void halfClose(boolean direct) throws Exception {
        SSLContext ctx = TestPki.layer45(TestPki.serverKeys("ec"));
        SSLEngine client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client, server, direct).handshake();
        client.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        assertEquals(Status.CLOSED, client.wrap(ByteBuffer.allocate(0), net).getStatus());
        net.flip();
        assertEquals(Status.CLOSED, server.unwrap(net, ByteBuffer.allocate(20000)).getStatus());
        assertFalse(server.isOutboundDone(), "receiving close_notify closes only the inbound side");
        assertArrayEquals("late data".getBytes(), loop.send(false, "late data".getBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "SunJSSE"})
    void failureFlushesAlertAndThrows(String provider) throws Exception {
        SSLContext cctx = SSLContext.getInstance("TLSv1.3",
                provider.equals("Layer45") ? TestPki.PROVIDER : java.security.Security.getProvider("SunJSSE"));
        KeyStore unrelated = KeyStore.getInstance("PKCS12");
        unrelated.load(null, null);
        unrelated.setCertificateEntry("client", TestPki.clientKeys().getCertificate("client"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(unrelated);
        cctx.init(null, tmf.getTrustManagers(), null);
        SSLEngine client = cctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestPki.sun(TestPki.serverKeys("ec")).createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client, server, false);
        SSLException thrown = null;
        try {
            loop.handshake();
        } catch (SSLException e) {
            thrown = e;
        }
        if (provider.equals("Layer45")) {
            // DESIGN.md §7: our client threw nothing yet; NEED_WRAP flushed the alert, and what the loop
            // saw is the SunJSSE server receiving it: unknown_ca, as the chain's root is not trusted
            // (RFC 8446 §6.2; SunJSSE itself would send certificate_unknown).
            assertTrue(thrown != null && thrown.getMessage().contains("Received fatal alert: unknown_ca"),
                    String.valueOf(thrown));
        } else if (thrown == null) {
            throw new AssertionError("SunJSSE throws from unwrap first");
        }
        if (client.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer net = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
            SSLEngineResult r = client.wrap(ByteBuffer.allocate(0), net);
            assertEquals(Status.CLOSED, r.getStatus());
            assertTrue(r.bytesProduced() > 0, "the alert");
        }
        if (provider.equals("Layer45")) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> client.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(20000)));
            assertTrue(e.getMessage().contains("(sent alert unknown_ca)"), e.getMessage());
        }
        assertTrue(client.isOutboundDone());
    }
}
