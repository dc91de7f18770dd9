package org.layer45.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Layer45's {@link SSLSocket}, built ON the {@link Engine} (DESIGN.md §3: one path through the core).
 * Either a plain TCP socket of its own or layered over an existing connected socket (with
 * {@code autoClose}). All I/O is done by {@link SocketIo}: a reader and a writer may run at
 * once, and only {@link ReentrantLock}s are held across blocking I/O (virtual threads never pin).
 * HandshakeCompletedListeners are called on the thread that completed the handshake.
 */
public final class EngineSocket extends SSLSocket {
    private final Engine engine;
    private final Socket layered;
    private final boolean autoClose;
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock connectLock = new ReentrantLock();
    private volatile SocketIo io;
    private volatile boolean closed;

    /** An unconnected socket (plain, or to be accepted by a server socket). */
    EngineSocket(ContextState ctx, boolean client) {
        this.engine = new Engine(ctx, null, -1);
        this.layered = null;
        this.autoClose = true;
        engine.setUseClientMode(client);
        engine.setTransport(this);
    }

    /** Layered over {@code s}, already connected to {@code host}. */
    EngineSocket(ContextState ctx, Socket s, String host, int port, boolean autoClose, boolean client)
            throws IOException {
        this(ctx, s, null, host, port, autoClose, client);
    }

    /**
     * Layered over {@code s}, reading {@code consumed} first: the bytes the application already took
     * from {@code s} (e.g. to sniff the protocol), as {@code SSLSocketFactory.createSocket(Socket,
     * InputStream, boolean)} specifies. Null when nothing was read.
     */
    EngineSocket(ContextState ctx, Socket s, InputStream consumed, String host, int port, boolean autoClose,
            boolean client) throws IOException {
        if (!s.isConnected()) {
            throw new SocketException("the underlying socket is not connected");
        }
        this.engine = new Engine(ctx, host, port);
        this.layered = s;
        this.autoClose = autoClose;
        engine.setUseClientMode(client);
        engine.setTransport(this);
        InputStream in = consumed == null ? s.getInputStream() : new SequenceInputStream(consumed, s.getInputStream());
        io = new SocketIo(this, engine, in, s.getOutputStream());
    }

    /** Used by the server socket after accept: the streams of this very socket. */
    void accepted(EngineParameters params, BiFunction<SSLEngine, List<String>, String> alpn) throws IOException {
        engine.parameters().apply(params.toSSLParameters());
        engine.setHandshakeApplicationProtocolSelector(alpn);
        engine.setPeer(getInetAddress().getHostAddress(), getPort());
        io = new SocketIo(this, engine, super.getInputStream(), super.getOutputStream());
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (layered != null) {
            throw new SocketException("already connected");
        }
        connectLock.lock();
        try {
            super.connect(endpoint, timeout);
            if (endpoint instanceof InetSocketAddress isa) {
                // The host name the application used (never a reverse lookup): SNI and host checks.
                engine.setPeer(isa.getHostString(), isa.getPort());
            }
            io = new SocketIo(this, engine, super.getInputStream(), super.getOutputStream());
        } finally {
            connectLock.unlock();
        }
    }

    private SocketIo io() throws SocketException {
        SocketIo i = io;
        if (i == null) {
            throw new SocketException(closed ? "socket is closed" : "socket is not connected");
        }
        return i;
    }

    Engine engine() {
        return engine;
    }

    /** Called by the I/O layer on the thread that saw the handshake finish. */
    void handshakeCompleted() {
        if (listeners.isEmpty()) {
            return;
        }
        HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, engine.getSession());
        for (HandshakeCompletedListener l : listeners) {
            l.handshakeCompleted(event);
        }
    }

    // ---- TLS

    @Override
    public void startHandshake() throws IOException {
        io().startHandshake();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return io().input();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return io().output();
    }

    @Override
    public SSLSession getSession() {
        try {
            io().handshake();
        } catch (IOException e) {
            return Session.nullSession(); // SSLSocket javadoc: the invalid session on failure
        }
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener l) {
        if (l == null) {
            throw new IllegalArgumentException("listener is null");
        }
        listeners.add(l);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener l) {
        if (!listeners.remove(l)) {
            throw new IllegalArgumentException("listener not registered");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        SocketIo i = io;
        if (i != null) {
            i.sendCloseNotify(100, TimeUnit.MILLISECONDS);
            i.discardUnreadInput();
        }
        if (layered == null) {
            super.close();
        } else if (autoClose) {
            layered.close();
        }
    }

    @Override
    public boolean isClosed() {
        // Socket.close() consults isClosed(): our own flag must not count for the plain socket.
        return layered != null ? closed || layered.isClosed() : super.isClosed();
    }

    @Override
    public void shutdownOutput() throws IOException {
        io().sendCloseNotify(-1, TimeUnit.MILLISECONDS);
        if (layered != null) {
            layered.shutdownOutput();
        } else {
            super.shutdownOutput();
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        io().closeInbound();
        if (layered != null) {
            layered.shutdownInput();
        } else {
            super.shutdownInput();
        }
    }

    // ---- delegation to the layered socket

    @Override
    public boolean isConnected() {
        return layered != null ? layered.isConnected() : super.isConnected();
    }

    @Override
    public InetAddress getInetAddress() {
        return layered != null ? layered.getInetAddress() : super.getInetAddress();
    }

    @Override
    public int getPort() {
        return layered != null ? layered.getPort() : super.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        return layered != null ? layered.getLocalAddress() : super.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return layered != null ? layered.getLocalPort() : super.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return layered != null ? layered.getRemoteSocketAddress() : super.getRemoteSocketAddress();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (layered != null) {
            layered.setSoTimeout(timeout);
        } else {
            super.setSoTimeout(timeout);
        }
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return layered != null ? layered.getSoTimeout() : super.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        if (layered != null) {
            layered.setTcpNoDelay(on);
        } else {
            super.setTcpNoDelay(on);
        }
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return layered != null ? layered.getTcpNoDelay() : super.getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        if (layered != null) {
            layered.setKeepAlive(on);
        } else {
            super.setKeepAlive(on);
        }
    }

    // ---- parameters (all forwarded to the engine)

    // @formatter:off
    @Override public String[] getSupportedCipherSuites() { return engine.getSupportedCipherSuites(); }
    @Override public String[] getEnabledCipherSuites() { return engine.getEnabledCipherSuites(); }
    @Override public void setEnabledCipherSuites(String[] suites) { engine.setEnabledCipherSuites(suites); }
    @Override public String[] getSupportedProtocols() { return engine.getSupportedProtocols(); }
    @Override public String[] getEnabledProtocols() { return engine.getEnabledProtocols(); }
    @Override public void setEnabledProtocols(String[] protocols) { engine.setEnabledProtocols(protocols); }
    @Override public void setUseClientMode(boolean mode) { engine.setUseClientMode(mode); }
    @Override public boolean getUseClientMode() { return engine.getUseClientMode(); }
    @Override public void setNeedClientAuth(boolean need) { engine.setNeedClientAuth(need); }
    @Override public boolean getNeedClientAuth() { return engine.getNeedClientAuth(); }
    @Override public void setWantClientAuth(boolean want) { engine.setWantClientAuth(want); }
    @Override public boolean getWantClientAuth() { return engine.getWantClientAuth(); }
    @Override public void setEnableSessionCreation(boolean flag) { engine.setEnableSessionCreation(flag); }
    @Override public boolean getEnableSessionCreation() { return engine.getEnableSessionCreation(); }
    @Override public SSLParameters getSSLParameters() { return engine.getSSLParameters(); }
    @Override public void setSSLParameters(SSLParameters p) { engine.setSSLParameters(p); }
    @Override public String getApplicationProtocol() { return engine.getApplicationProtocol(); }
    @Override public String getHandshakeApplicationProtocol() { return engine.getHandshakeApplicationProtocol(); }
    // @formatter:on

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(
                selector == null ? null : (e, offered) -> selector.apply(this, offered));
        socketSelector = selector;
    }

    private volatile BiFunction<SSLSocket, List<String>, String> socketSelector;

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return socketSelector;
    }

    @Override
    public String toString() {
        return "Layer45 EngineSocket[" + engine.getSession() + ", " + (layered != null ? layered : super.toString())
                + "]";
    }
}
