package org.layer45.jsse;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * Layer45's {@link SSLServerSocket}: accepts TCP connections as {@link EngineSocket}s in server
 * mode (or client mode, if so set) carrying a copy of this socket's parameters: enabled protocols
 * and suites, need/want client auth, SNI matchers, ALPN.
 */
public final class EngineServerSocket extends SSLServerSocket {
    private final ContextState context;
    private final ReentrantLock lock = new ReentrantLock();
    private final EngineParameters params;
    private boolean clientMode;
    private BiFunction<SSLEngine, List<String>, String> alpnSelector;

    EngineServerSocket(ContextState context) throws IOException {
        super();
        this.context = context;
        this.params = EngineParameters.defaults(context.defaultProtocols(false));
    }

    @Override
    public Socket accept() throws IOException {
        EngineParameters snapshot;
        boolean client;
        lock.lock();
        try {
            snapshot = params.copy();
            client = clientMode;
        } finally {
            lock.unlock();
        }
        EngineSocket s = new EngineSocket(context, client);
        implAccept(s);
        s.accepted(snapshot, alpnSelector);
        return s;
    }

    /** Server-side ALPN choice for accepted sockets (not part of SSLServerSocket's API; for our tests and CLI). */
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        alpnSelector = selector;
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void lockedRun(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    // @formatter:off
    @Override public String[] getEnabledCipherSuites() { return locked(() -> params.cipherSuites.toArray(String[]::new)); }
    @Override public void setEnabledCipherSuites(String[] suites) { lockedRun(() -> params.setCipherSuites(suites)); }
    @Override public String[] getSupportedCipherSuites() { return Protocols.supportedSuiteNames().toArray(String[]::new); }
    @Override public String[] getSupportedProtocols() { return Protocols.SUPPORTED.toArray(String[]::new); }
    @Override public String[] getEnabledProtocols() { return locked(() -> params.protocols.toArray(String[]::new)); }
    @Override public void setEnabledProtocols(String[] protocols) { lockedRun(() -> params.setProtocols(protocols)); }
    @Override public void setNeedClientAuth(boolean need) { lockedRun(() -> params.setNeedClientAuth(need)); }
    @Override public boolean getNeedClientAuth() { return locked(() -> params.needClientAuth); }
    @Override public void setWantClientAuth(boolean want) { lockedRun(() -> params.setWantClientAuth(want)); }
    @Override public boolean getWantClientAuth() { return locked(() -> params.wantClientAuth); }
    @Override public void setUseClientMode(boolean mode) { lockedRun(() -> clientMode = mode); }
    @Override public boolean getUseClientMode() { return locked(() -> clientMode); }
    @Override public void setEnableSessionCreation(boolean flag) { /* sessions are always created */ }
    @Override public boolean getEnableSessionCreation() { return true; }
    @Override public SSLParameters getSSLParameters() { return locked(params::toSSLParameters); }
    @Override public void setSSLParameters(SSLParameters p) { lockedRun(() -> params.apply(p)); }
    // @formatter:on

    @Override
    public String toString() {
        return "Layer45 EngineServerSocket[" + super.toString() + "]";
    }
}
