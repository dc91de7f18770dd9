package org.layer45.jsse;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Layer45's {@link SSLContextSpi}: {@code init} turns the key managers, trust managers and random
 * source into a {@link ContextState} shared by every engine and socket of this context (session
 * caches, ticket keys and ticket store included). See the JSSE Reference Guide, "SSLContext Class".
 */
public class ContextSpi extends SSLContextSpi {
    private volatile ContextState state;
    private final List<String> clientDefaultProtocols;

    /** {@code SSLContext.getInstance("TLS")}: every protocol we implement, enabled. */
    public static final class Tls extends ContextSpi {
        public Tls() {
            super(Protocols.SUPPORTED);
        }
    }

    /** {@code SSLContext.getInstance("TLSv1.3")}: as SunJSSE's, TLS 1.3 and TLS 1.2 enabled. */
    public static final class Tls13 extends ContextSpi {
        public Tls13() {
            super(Protocols.SUPPORTED);
        }
    }

    /**
     * {@code SSLContext.getInstance("TLSv1.2")}: as SunJSSE's, clients enable only TLS 1.2 by default
     * (servers still accept TLS 1.3 and 1.2); {@code setEnabledProtocols} may widen it.
     */
    public static final class Tls12 extends ContextSpi {
        public Tls12() {
            super(Protocols.TLS12_ONLY);
        }
    }

    /**
     * {@code SSLContext.getDefault()}: initialised at construction from the
     * {@code javax.net.ssl.keyStore*} / {@code javax.net.ssl.trustStore*} system properties, falling
     * back to the JDK's cacerts. Never throws (INTEROP.md §8: a throwing Default silently falls
     * back to the next provider); {@code init} is refused as the JSSE specification requires.
     */
    public static final class Default extends ContextSpi {
        public Default() {
            super(Protocols.SUPPORTED);
            installState(DefaultManagers.load());
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
                throws KeyManagementException {
            throw new KeyManagementException("the default SSLContext is initialized automatically");
        }
    }

    ContextSpi(List<String> clientDefaultProtocols) {
        this.clientDefaultProtocols = clientDefaultProtocols;
    }

    final void installState(ContextState s) {
        state = s;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
        state = ContextState.create(km, tm, sr, clientDefaultProtocols);
    }

    private ContextState state() {
        ContextState s = state;
        if (s == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        return s;
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new EngineSocketFactory(state());
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new EngineServerSocketFactory(state());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return new Engine(state(), null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return new Engine(state(), host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return state().serverSessions();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return state().clientSessions();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        // SunJSSE reports the client defaults here (a "TLSv1.2" context: only TLSv1.2).
        return EngineParameters.defaults(clientDefaultProtocols).toSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        // Every suite we implement, the RSA key transport ones included (they are only not enabled by default).
        SSLParameters p = EngineParameters.defaults(Protocols.SUPPORTED).toSSLParameters();
        p.setCipherSuites(Protocols.supportedSuiteNames().toArray(String[]::new));
        return p;
    }
}
