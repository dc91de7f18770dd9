package org.layer45.bench;

import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.conscrypt.Conscrypt;
import org.layer45.provider.Layer45Provider;

/**
 * The four JSSE providers measured side by side, each set up as its own documentation recommends:
 * its own provider object (nothing registered JVM-wide), and its own key / trust manager
 * factories where the JDK's do not fit it (BCJSSE wants its PKIX key manager; Conscrypt's TLS 1.3
 * needs its own trust manager, INTEROP.md §6). Layer45 and SunJSSE use the JDK's managers, as an
 * application would.
 */
enum BenchProvider {
    Layer45 {
        @Override
        Provider provider() {
            return new Layer45Provider();
        }
    },
    SunJSSE {
        @Override
        Provider provider() {
            return Security.getProvider("SunJSSE");
        }
    },
    /** BouncyCastle's JSSE with BouncyCastle as its crypto provider. */
    BCJSSE {
        @Override
        Provider provider() {
            return new BouncyCastleJsseProvider(new BouncyCastleProvider());
        }

        @Override
        KeyManagerFactory keyManagerFactory(Provider p) throws GeneralSecurityException {
            return KeyManagerFactory.getInstance("PKIX", p);
        }

        @Override
        TrustManagerFactory trustManagerFactory(Provider p) throws GeneralSecurityException {
            return TrustManagerFactory.getInstance("PKIX", p);
        }

        @Override
        void restrictGroups(SSLEngine engine, List<String> groups) {
            BCSSLEngine bc = (BCSSLEngine) engine;
            BCSSLParameters params = bc.getParameters();
            params.setNamedGroups(groups.toArray(String[]::new));
            bc.setParameters(params);
        }
    },
    /** BoringSSL through JNI: the native reference. */
    Conscrypt {
        @Override
        Provider provider() {
            return org.conscrypt.Conscrypt.newProvider();
        }

        @Override
        TrustManagerFactory trustManagerFactory(Provider p) throws GeneralSecurityException {
            return TrustManagerFactory.getInstance("PKIX", p);
        }

        /** Conscrypt turns BoringSSL's session tickets off unless asked; without them TLS 1.3 never resumes. */
        @Override
        void configure(SSLEngine engine) {
            org.conscrypt.Conscrypt.setUseSessionTickets(engine, true);
        }

        /** Conscrypt has no per-engine group setter (only for sockets); BoringSSL's defaults stand. */
        @Override
        void restrictGroups(SSLEngine engine, List<String> groups) {
        }
    };

    /** BCJSSE logs every handshake at INFO through JUL; held strongly so that the level sticks. */
    private static final java.util.logging.Logger BC_LOG = quietBouncyCastle();

    /** JDK 20+ {@code SSLParameters.setNamedGroups}; absent on JDK 17, where only jdk.tls.namedGroups works. */
    private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

    abstract Provider provider();

    /** Provider-specific settings every engine (either role) gets, so that each runs as its users run it. */
    void configure(SSLEngine engine) {
    }

    KeyManagerFactory keyManagerFactory(Provider p) throws GeneralSecurityException {
        return KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    }

    TrustManagerFactory trustManagerFactory(Provider p) throws GeneralSecurityException {
        return TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    }

    /**
     * Offers only {@code groups} from this client engine where the provider allows it per engine. The
     * benchmarks also set {@code jdk.tls.namedGroups} before the first context, which SunJSSE (only
     * way on JDK 17), Layer45 and BCJSSE read.
     */
    void restrictGroups(SSLEngine engine, List<String> groups) {
        if (SET_NAMED_GROUPS == null) {
            return;
        }
        SSLParameters params = engine.getSSLParameters();
        try {
            SET_NAMED_GROUPS.invoke(params, (Object) groups.toArray(String[]::new));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
        }
        engine.setSSLParameters(params);
    }

    /** A server context presenting {@code cert} ("ecdsa" or "rsa"). */
    SSLContext serverContext(BenchPki pki, String cert) {
        try {
            Provider p = provider();
            KeyManagerFactory kmf = keyManagerFactory(p);
            kmf.init(pki.serverKeyStore(cert), BenchPki.PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS", p);
            ctx.init(kmf.getKeyManagers(), trustManagers(p, pki), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name() + ": cannot make a server context", e);
        }
    }

    /** A client context trusting the benchmark root. */
    SSLContext clientContext(BenchPki pki) {
        try {
            Provider p = provider();
            SSLContext ctx = SSLContext.getInstance("TLS", p);
            ctx.init(null, trustManagers(p, pki), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name() + ": cannot make a client context", e);
        }
    }

    private javax.net.ssl.TrustManager[] trustManagers(Provider p, BenchPki pki) throws GeneralSecurityException {
        TrustManagerFactory tmf = trustManagerFactory(p);
        tmf.init(pki.trustStore());
        return tmf.getTrustManagers();
    }

    /** Whether this provider's engine is BoringSSL's (a sanity check that the native library loaded). */
    static boolean isConscrypt(SSLEngine engine) {
        return Conscrypt.isConscrypt(engine);
    }

    private static java.util.logging.Logger quietBouncyCastle() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    private static Method namedGroupsSetter() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null; // JDK 17-19
        }
    }
}
