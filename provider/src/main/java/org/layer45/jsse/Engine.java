package org.layer45.jsse;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.layer45.connection.Connection;
import org.layer45.connection.ConnectionEvent;
import org.layer45.error.TlsFailure;

/**
 * Layer45's {@link SSLEngine}: a thin adapter over one sans-I/O {@link Connection} (DESIGN.md §3).
 *
 * <p>Contract (SSLEngine javadoc): {@code unwrap} consumes at most one record and decrypts it straight
 * into the caller's buffer; an incomplete record gives BUFFER_UNDERFLOW and a too-small destination
 * BUFFER_OVERFLOW, both without consuming anything. {@code wrap} first flushes handshake/alert
 * records, else seals one application record gathered from all sources. The handshake runs inside
 * {@code unwrap} (trust and key managers are called there), so NEED_TASK never occurs. FINISHED is
 * reported by the call that leaves the handshake complete with nothing more to send.
 *
 * <p>Failures (DESIGN.md §7): the connection queues the fatal alert; the failing call returns
 * CLOSED with NEED_WRAP, {@code wrap} flushes the alert (status CLOSED), and the next {@code unwrap} or
 * {@code wrap} throws the {@link SSLException}. A failure with no alert to send (a received alert)
 * is thrown at once. SunJSSE throws first and flushes later; {@code EngineContractTest} documents it.
 *
 * <p>All public methods hold one {@link ReentrantLock} (never a monitor) for a short, non-blocking
 * time, so wrap and unwrap may be called from different threads.
 */
public final class Engine extends SSLEngine {
    private final ContextState context;
    private final ReentrantLock lock = new ReentrantLock();
    private final EngineParameters params;
    private SSLSocket transport;
    private Boolean clientMode;
    private Connection conn;
    private Session handshakeSession;
    private volatile Session session = Session.nullSession();
    private boolean finishedReported;
    private boolean inboundClosedByApp;
    private boolean closedBeforeStart;
    private SSLException pendingFailure;
    private boolean failureDelivered;
    private BiFunction<SSLEngine, List<String>, String> alpnSelector;
    private volatile String applicationProtocol;
    private ByteBuffer scatter;
    private volatile String peerHost;
    private volatile int peerPort;

    Engine(ContextState context, String host, int port) {
        super(host, port);
        this.context = context;
        this.params = EngineParameters.defaults(context.defaultProtocols(false));
        this.peerHost = host;
        this.peerPort = port;
    }

    /** A socket learns its peer only when it connects; the host name is kept as the application gave it. */
    void setPeer(String host, int port) {
        lock.lock();
        try {
            peerHost = host;
            peerPort = port;
        } finally {
            lock.unlock();
        }
    }

    // ---- package API for the bridges and the socket

    /** Makes the trust / key manager callbacks see {@code socket} instead of this engine. */
    void setTransport(SSLSocket socket) {
        this.transport = socket;
    }

    // ---- handshake start

    @Override
    public void beginHandshake() throws SSLException {
        lock.lock();
        try {
            if (conn == null) {
                start();
            } else if (conn.isHandshakeComplete() && !conn.isOutboundClosed()) {
                if (!conn.session().version().equals(org.layer45.iana.ProtocolVersion.TLS13)) {
                    // RFC 5746 is implemented only to refuse renegotiation (DESIGN.md §8).
                    throw new SSLException("TLS 1.2 renegotiation is not supported");
                }
                // TLS 1.3 has no renegotiation; like SunJSSE, a new "handshake" is a KeyUpdate (RFC 8446 §4.6.3).
                conn.requestKeyUpdate(false);
            }
        } catch (TlsFailure f) {
            throw Failures.toException(f, false);
        } finally {
            lock.unlock();
        }
    }

    private void start() throws SSLException {
        if (clientMode == null) {
            throw new IllegalStateException("client/server mode has not yet been set");
        }
        if (closedBeforeStart) {
            throw new SSLException("engine closed before the handshake started");
        }
        handshakeSession = HandshakeStarter.newSession(context, this, clientMode);
        conn = HandshakeStarter.connect(context, this, clientMode, handshakeSession, alpnSelector);
    }

    // ---- wrap

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        EngineBuffers.checkWrapArgs(srcs, offset, length, dst);
        lock.lock();
        try {
            throwPendingFailureIfFlushed();
            if (conn == null) {
                if (closedBeforeStart) {
                    return result(Status.CLOSED, 0, 0);
                }
                start();
            }
            int before = dst.position();
            int consumed = 0;
            if (conn.hasPendingOutput()) {
                if (!dst.hasRemaining()) {
                    return result(Status.BUFFER_OVERFLOW, 0, 0);
                }
                conn.drainPendingOutput(dst);
            } else if (conn.isHandshakeComplete() && !conn.isOutboundClosed()) {
                long available = EngineBuffers.remaining(srcs, offset, length);
                if (available > 0) {
                    int overhead = conn.maxSealedRecordSize() - 16384;
                    if (dst.remaining() < overhead + Math.min(available, 16384)) {
                        return result(Status.BUFFER_OVERFLOW, 0, 0);
                    }
                    consumed = conn.sealApplicationData(srcs, offset, length, dst);
                }
            }
            return result(isOutboundDone() ? Status.CLOSED : Status.OK, consumed, dst.position() - before);
        } catch (TlsFailure f) {
            return failed(f, 0, 0);
        } finally {
            lock.unlock();
        }
    }

    // ---- unwrap

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        EngineBuffers.checkUnwrapArgs(src, dsts, offset, length);
        lock.lock();
        try {
            throwPendingFailureIfFlushed();
            if (pendingFailure != null) {
                return result(Status.CLOSED, 0, 0); // the alert is still to be wrapped
            }
            if (conn == null) {
                if (closedBeforeStart || inboundClosedByApp) {
                    return result(Status.CLOSED, 0, 0);
                }
                start();
            }
            if (isInboundDone()) {
                return result(Status.CLOSED, 0, 0);
            }
            int recordLength = conn.nextRecordLength(src);
            if (recordLength < 0) {
                return result(Status.BUFFER_UNDERFLOW, 0, 0);
            }
            int need = conn.maxPlaintextLength(recordLength);
            if (conn.isHandshakeComplete() && EngineBuffers.remaining(dsts, offset, length) < need) {
                return result(Status.BUFFER_OVERFLOW, 0, 0);
            }
            return process(src, dsts, offset, length, need);
        } catch (TlsFailure f) {
            return failed(f, 0, 0);
        } finally {
            lock.unlock();
        }
    }

    private SSLEngineResult process(ByteBuffer src, ByteBuffer[] dsts, int offset, int length, int need)
            throws SSLException {
        int srcBefore = src.position();
        ByteBuffer direct = EngineBuffers.firstWithRoom(dsts, offset, length, need);
        ByteBuffer target = direct != null ? direct : scatterBuffer(need);
        int targetBefore = target.position();
        try {
            conn.processRecord(src, target);
        } catch (TlsFailure f) {
            return failed(f, src.position() - srcBefore, 0);
        }
        int produced = target.position() - targetBefore;
        if (direct == null && produced > 0) {
            target.flip();
            EngineBuffers.scatter(target, dsts, offset, length);
        }
        pollEvents();
        Status status = conn.isInboundClosed() ? Status.CLOSED : Status.OK;
        return result(status, src.position() - srcBefore, produced);
    }

    private ByteBuffer scatterBuffer(int need) {
        if (scatter == null || scatter.capacity() < need) {
            scatter = ByteBuffer.allocate(Math.max(need, Session.APPLICATION_BUFFER_SIZE));
        }
        scatter.clear();
        return scatter;
    }

    private void pollEvents() {
        ConnectionEvent e;
        while ((e = conn.pollEvent()) != null) {
            if (e instanceof ConnectionEvent.HandshakeComplete done) {
                handshakeSession.complete(done.session());
                applicationProtocol = done.session().alpn() == null ? "" : done.session().alpn();
                session = handshakeSession;
                ((SessionContext) session.getSessionContext()).add(session);
            }
        }
    }

    // ---- results and failures

    private SSLEngineResult result(Status status, int consumed, int produced) {
        HandshakeStatus hs;
        if (conn != null && conn.isHandshakeComplete() && !finishedReported && !conn.hasPendingOutput()
                && pendingFailure == null) {
            finishedReported = true;
            hs = HandshakeStatus.FINISHED;
        } else {
            hs = handshakeStatus();
        }
        return new SSLEngineResult(status, hs, consumed, produced);
    }

    /** Queues the exception behind the alert (DESIGN.md §7), or throws it when there is nothing to send. */
    private SSLEngineResult failed(TlsFailure f, int consumed, int produced) throws SSLException {
        SSLException e = Failures.toException(f, !finishedReported);
        if (conn != null && conn.hasPendingOutput()) {
            pendingFailure = e;
            return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NEED_WRAP, consumed, produced);
        }
        failureDelivered = true;
        throw e;
    }

    private void throwPendingFailureIfFlushed() throws SSLException {
        if (pendingFailure != null && !failureDelivered && !conn.hasPendingOutput()) {
            failureDelivered = true;
            throw pendingFailure;
        }
    }

    private HandshakeStatus handshakeStatus() {
        if (conn == null) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (conn.hasPendingOutput()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (pendingFailure != null && !failureDelivered) {
            return HandshakeStatus.NEED_UNWRAP; // the next unwrap reports the failure
        }
        if (conn.failure() != null || conn.isHandshakeComplete() || isInboundDone()) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        return HandshakeStatus.NEED_UNWRAP;
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        lock.lock();
        try {
            return handshakeStatus();
        } finally {
            lock.unlock();
        }
    }

    // ---- closure (RFC 8446 §6.1)

    @Override
    public void closeInbound() throws SSLException {
        lock.lock();
        try {
            boolean truncated = conn != null && !conn.isInboundClosed() && !inboundClosedByApp
                    && conn.failure() == null;
            inboundClosedByApp = true;
            if (conn == null) {
                closedBeforeStart = true;
            }
            if (truncated) {
                throw new SSLException("closing inbound before receiving peer's close_notify");
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isInboundDone() {
        lock.lock();
        try {
            return inboundClosedByApp || closedBeforeStart && conn == null
                    || conn != null && (conn.isInboundClosed() || pendingFailure != null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void closeOutbound() {
        lock.lock();
        try {
            if (conn == null) {
                closedBeforeStart = true;
            } else {
                conn.closeOutbound();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOutboundDone() {
        lock.lock();
        try {
            return conn == null ? closedBeforeStart : conn.isOutboundClosed() && !conn.hasPendingOutput();
        } finally {
            lock.unlock();
        }
    }

    // ---- sessions, modes and parameters

    @Override
    public SSLSession getHandshakeSession() {
        lock.lock();
        try {
            return conn != null && !conn.isHandshakeComplete() ? handshakeSession : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        lock.lock();
        try {
            if (conn != null) {
                throw new IllegalArgumentException("cannot change mode after the handshake started");
            }
            // As SunJSSE: protocols still at the old mode's defaults follow the mode (a "TLSv1.2"
            // context's clients enable only TLS 1.2); protocols the application chose stay.
            boolean wasClient = Boolean.TRUE.equals(clientMode);
            if (wasClient != mode && params.protocols.equals(context.defaultProtocols(wasClient))) {
                params.protocols = context.defaultProtocols(mode);
            }
            clientMode = mode;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean getUseClientMode() {
        return Boolean.TRUE.equals(clientMode);
    }

    @Override
    public SSLParameters getSSLParameters() {
        lock.lock();
        try {
            return params.toSSLParameters();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setSSLParameters(SSLParameters p) {
        lock.lock();
        try {
            params.apply(p);
        } finally {
            lock.unlock();
        }
    }

    // @formatter:off
    @Override public String getPeerHost() { return peerHost; }
    @Override public int getPeerPort() { return peerPort; }
    @Override public Runnable getDelegatedTask() { return null; } // no NEED_TASK: the work runs in unwrap
    @Override public SSLSession getSession() { return session; }
    @Override public String getApplicationProtocol() { return applicationProtocol; }
    @Override public String getHandshakeApplicationProtocol() { return conn != null && !conn.isHandshakeComplete() ? null : applicationProtocol; }
    @Override public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> s) { alpnSelector = s; }
    @Override public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() { return alpnSelector; }
    Session handshakeSessionInternal() { return handshakeSession; }
    EngineParameters parameters() { return params; }
    SSLSocket transportSocket() { return transport; }
    @Override public String[] getSupportedCipherSuites() { return Protocols.supportedSuiteNames().toArray(String[]::new); }
    @Override public String[] getEnabledCipherSuites() { return params.cipherSuites.toArray(String[]::new); }
    @Override public void setEnabledCipherSuites(String[] suites) { params.setCipherSuites(suites); }
    @Override public String[] getSupportedProtocols() { return Protocols.SUPPORTED.toArray(String[]::new); }
    @Override public String[] getEnabledProtocols() { return params.protocols.toArray(String[]::new); }
    @Override public void setEnabledProtocols(String[] protocols) { params.setProtocols(protocols); }
    @Override public void setNeedClientAuth(boolean need) { params.setNeedClientAuth(need); }
    @Override public boolean getNeedClientAuth() { return params.needClientAuth; }
    @Override public void setWantClientAuth(boolean want) { params.setWantClientAuth(want); }
    @Override public boolean getWantClientAuth() { return params.wantClientAuth; }
    @Override public void setEnableSessionCreation(boolean flag) { /* sessions are always created */ }
    @Override public boolean getEnableSessionCreation() { return true; }
    // @formatter:on
}
