package org.layer45.interop;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.alpn.java.client.JDK9ClientALPNProcessor;
import org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor;

/**
 * Jetty's ALPN processors for Layer45's SSLEngine (INTEROP.md §7). Jetty 12's JDK 9 processors
 * drive ALPN through the standard {@code SSLEngine} / {@code SSLParameters} API, which Layer45
 * implements, but their {@code appliesTo} accepts only engines whose class is in module
 * {@code java.base}; without these, Jetty fails with "No ALPNProcessor for ...Engine". Registered
 * in {@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server} / {@code $Client}.
 */
public final class Layer45JettyAlpn {
    private Layer45JettyAlpn() {
    }

    static boolean isLayer45(SSLEngine engine) {
        return engine.getClass().getName().startsWith("org.layer45.");
    }

    /** The server side: the standard processor, for Layer45 engines. */
    public static final class Server extends JDK9ServerALPNProcessor {
        @Override
        public boolean appliesTo(SSLEngine engine) {
            return isLayer45(engine);
        }
    }

    /** The client side: the standard processor, for Layer45 engines. */
    public static final class Client extends JDK9ClientALPNProcessor {
        @Override
        public boolean appliesTo(SSLEngine engine) {
            return isLayer45(engine);
        }
    }
}
