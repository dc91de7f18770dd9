package org.layer45.interop;

import java.nio.ByteBuffer;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Restricts Layer45's named groups on JDK 17, which has no {@code SSLParameters.setNamedGroups}:
 * Layer45, like SunJSSE, then reads the {@code jdk.tls.namedGroups} system property, but Layer45
 * reads it at every handshake while SunJSSE reads it once, in a static initializer. So before the
 * property is first set, one SunJSSE ClientHello is produced to run that initializer with the JDK
 * defaults; otherwise a SunJSSE peer (or any later SunJSSE client in this JVM) would be frozen to
 * one test's groups. {@link LoopbackTls} clears the property after each connection. Conscrypt
 * also reads the property for sockets whose groups were not set; LoopbackTls sets them explicitly.
 */
final class Layer45Groups {
    private static final String PROPERTY = "jdk.tls.namedGroups";
    private static volatile boolean sunJsseInitialized;

    private Layer45Groups() {
    }

    static void requireProperty(List<String> groups) throws SSLException {
        initializeSunJsse();
        System.setProperty(PROPERTY, String.join(",", groups));
    }

    static boolean propertySet() {
        return System.getProperty(PROPERTY) != null;
    }

    static void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static void initializeSunJsse() throws SSLException {
        if (sunJsseInitialized) {
            return;
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
            ctx.init(null, null, null);
            SSLEngine e = ctx.createSSLEngine("localhost", 443);
            e.setUseClientMode(true);
            e.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 15)); // the ClientHello reads the groups
        } catch (java.security.GeneralSecurityException e) {
            throw new SSLException("cannot initialize SunJSSE", e);
        }
        sunJsseInitialized = true;
    }
}
