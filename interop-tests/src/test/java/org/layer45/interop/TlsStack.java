package org.layer45.interop;

import java.lang.reflect.Method;
import java.security.KeyStore;
import java.security.Provider;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.conscrypt.Conscrypt;
import org.layer45.jsse.Session;
import org.layer45.provider.Layer45Provider;

/**
 * A TLS implementation running in this JVM, used as one side of a loopback connection: Layer45
 * itself, or one of the Java peers of INTEROP.md §6 — BoringSSL through Conscrypt, BCJSSE and
 * SunJSSE. Each is reached through its own provider object (nothing is registered globally), with
 * that provider's own key and trust manager factories where it has them (INTEROP.md §6: a foreign
 * trust manager breaks Conscrypt's TLS 1.3 with {@code Unknown authType: GENERIC}). Each knows
 * how to restrict its named groups and whether it can report the group it negotiated.
 */
abstract class TlsStack {
    static final String PASSWORD = "changeit";
    /** JDK 20+ has {@code SSLParameters.setNamedGroups}; JDK 17 only the jdk.tls.namedGroups property. */
    static final Method SET_NAMED_GROUPS = namedGroupsSetter();

    /** BCJSSE logs every handshake at INFO through JUL (INTEROP.md §6); held strongly so the level sticks. */
    private static final java.util.logging.Logger BC_LOG = quiet("org.bouncycastle.jsse");

    static final TlsStack LAYER45 = new Layer45();
    static final TlsStack CONSCRYPT = new ConscryptStack();
    static final TlsStack BCJSSE = new Bcjsse();
    static final TlsStack SUNJSSE = new SunJsse();

    /** The peers Layer45 is tested against (both roles each). */
    static List<TlsStack> peers() {
        return List.of(CONSCRYPT, BCJSSE, SUNJSSE);
    }

    private final String name;
    private final Provider provider;

    TlsStack(String name, Provider provider) {
        this.name = name;
        this.provider = provider;
    }

    /** The name in the interop matrix, with the version (e.g. "SunJSSE 25"). */
    String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    Provider provider() {
        return provider;
    }

    boolean isLayer45() {
        return this == LAYER45;
    }

    /** Whether it implements X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem). */
    abstract boolean hasMlKem();

    /** Zero bytes this stack appends to every TLS 1.3 record's inner plaintext (RFC 8446 §5.4). */
    int tls13Padding() {
        return 0;
    }

    /** Whether {@link #restrictGroups} works on this JDK. */
    boolean canRestrictGroups() {
        return true;
    }

    /** Enables only {@code groups} (JSSE names, in preference order) on a socket before its handshake. */
    abstract void restrictGroups(SSLSocket socket, List<String> groups) throws Exception;

    /** The group this stack itself says it negotiated on {@code socket}, or null when it cannot say. */
    String reportedGroup(SSLSocket socket) {
        return null;
    }

    /** The SNI host names a server socket's session received. */
    List<String> requestedServerNames(SSLSocket socket) {
        return socket.getSession() instanceof javax.net.ssl.ExtendedSSLSession e ? e.getRequestedServerNames().stream()
                .map(n -> n instanceof javax.net.ssl.SNIHostName h ? h.getAsciiName() : n.toString()).toList()
                : List.of();
    }

    /** A "TLS" context with {@code keyName}'s key ("server-ec", "client-rsa", ... or null) trusting both test roots. */
    SSLContext context(TestPki pki, String keyName) throws Exception {
        KeyManagerFactory kmf = null;
        if (keyName != null) {
            kmf = keyManagerFactory();
            kmf.init(pki.keyStore(keyName), PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = trustManagerFactory();
        tmf.init(pki.trustStore());
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    KeyManagerFactory keyManagerFactory() throws Exception {
        return KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    }


    TrustManagerFactory trustManagerFactory() throws Exception {
        return TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    }

    static void setNamedGroups(SSLSocket socket, List<String> groups) throws Exception {
        SSLParameters p = socket.getSSLParameters();
        SET_NAMED_GROUPS.invoke(p, (Object) groups.toArray(String[]::new));
        socket.setSSLParameters(p);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    private static Method namedGroupsSetter() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null; // JDK 17-19
        }
    }

    static int jdkFeature() {
        return Runtime.version().feature();
    }

    /**
     * Layer45 with the JDK's key and trust managers (SunX509 / PKIX), as an application would use it.
     * Groups: {@code SSLParameters.setNamedGroups} on JDK 20+; on JDK 17 {@link Layer45Groups} sets
     * the {@code jdk.tls.namedGroups} property around the connection (Layer45 reads it per handshake).
     */
    private static final class Layer45 extends TlsStack {
        Layer45() {
            super("Layer45", new Layer45Provider());
        }

        @Override
        boolean hasMlKem() {
            return true;
        }

        @Override
        void restrictGroups(SSLSocket socket, List<String> groups) throws Exception {
            if (SET_NAMED_GROUPS != null) {
                setNamedGroups(socket, groups);
            } else {
                Layer45Groups.requireProperty(groups);
            }
        }

        @Override
        String reportedGroup(SSLSocket socket) {
            return (String) socket.getSession().getValue(Session.NAMED_GROUP_KEY);
        }
    }

    /** BoringSSL through Conscrypt: groups by {@code Conscrypt.setNamedGroups}, reported by {@code getGroupName}. */
    private static final class ConscryptStack extends TlsStack {
        ConscryptStack() {
            super("Conscrypt " + conscryptVersion() + " (BoringSSL)", Conscrypt.newProvider());
        }

        private static String conscryptVersion() {
            Conscrypt.Version v = Conscrypt.version();
            return v.major() + "." + v.minor() + "." + v.patch();
        }

        @Override
        boolean hasMlKem() {
            return true;
        }

        @Override
        void restrictGroups(SSLSocket socket, List<String> groups) {
            Conscrypt.setNamedGroups(socket, groups.toArray(String[]::new));
        }

        /** BoringSSL's group names ("X25519", "P-256") in JSSE spelling, so tests compare one vocabulary. */
        @Override
        String reportedGroup(SSLSocket socket) {
            String g = Conscrypt.getGroupName(socket);
            return g == null ? null : switch (g) {
                case "X25519" -> "x25519";
                case "P-256" -> "secp256r1";
                case "P-384" -> "secp384r1";
                default -> g;
            };
        }

        @Override
        TrustManagerFactory trustManagerFactory() throws Exception {
            return TrustManagerFactory.getInstance("PKIX", provider());
        }
    }

    /** BCJSSE on a private BouncyCastleProvider: groups through {@link BCSSLParameters#setNamedGroups}. */
    private static final class Bcjsse extends TlsStack {
        Bcjsse() {
            this(new BouncyCastleJsseProvider(new BouncyCastleProvider()));
        }

        private Bcjsse(Provider p) {
            super("BCJSSE " + bundleVersion(p.getClass()), p);
        }

        /** The release (e.g. 1.84) from the jar's OSGi manifest; the provider's own version number is not it. */
        private static String bundleVersion(Class<?> c) {
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(
                    new java.io.File(c.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
                return jar.getManifest().getMainAttributes().getValue("Bundle-Version");
            } catch (java.io.IOException | java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot read the BCJSSE jar manifest", e);
            }
        }

        @Override
        boolean hasMlKem() {
            return true;
        }

        /**
         * BCJSSE keeps no requested names on an established session: both its javax and its own
         * session views throw UnsupportedOperationException. SNI tests observe it with an SNIMatcher.
         */
        @Override
        List<String> requestedServerNames(SSLSocket socket) {
            return List.of();
        }

        /**
         * BCJSSE derives its ECDSA abilities (its own key, the peer's chain) from its enabled groups
         * (INTEROP.md §6: a group list without secp256r1 gets no usable ECDSA P-256 scheme), so
         * secp256r1 stays enabled; the peer's restriction still decides the group.
         */
        @Override
        void restrictGroups(SSLSocket socket, List<String> groups) {
            List<String> withP256 = new java.util.ArrayList<>(groups);
            if (!withP256.contains("secp256r1")) {
                withP256.add("secp256r1");
            }
            BCSSLSocket bc = (BCSSLSocket) socket;
            BCSSLParameters p = bc.getParameters();
            p.setNamedGroups(withP256.toArray(String[]::new));
            bc.setParameters(p);
        }

        @Override
        KeyManagerFactory keyManagerFactory() throws Exception {
            // INTEROP.md §6: a BCJSSE TLS 1.3 server with SunJSSE's key manager finds no selectable suite.
            return KeyManagerFactory.getInstance("PKIX", provider());
        }

        @Override
        TrustManagerFactory trustManagerFactory() throws Exception {
            return TrustManagerFactory.getInstance("PKIX", provider());
        }
    }

    /** The JDK's own SunJSSE; named by the JDK it runs on, since CI runs the suite on 17 and 25. */
    private static final class SunJsse extends TlsStack {
        SunJsse() {
            super("SunJSSE " + jdkFeature(), java.security.Security.getProvider("SunJSSE"));
        }

        /** SunJSSE's OutputRecord pads every TLS 1.3 record with 16 zero bytes (T13PaddingHolder). */
        @Override
        int tls13Padding() {
            return 16;
        }

        /** Asked of the JDK itself (JDK 20+ lists its default groups); JDK 17 has none. */
        @Override
        boolean hasMlKem() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS", provider());
                ctx.init(null, null, null);
                SSLParameters p = ctx.getDefaultSSLParameters();
                String[] groups = (String[]) SSLParameters.class.getMethod("getNamedGroups").invoke(p);
                return groups != null && List.of(groups).contains("X25519MLKEM768");
            } catch (NoSuchMethodException e) {
                return false; // JDK 17-19: no getter, and no ML-KEM either
            } catch (ReflectiveOperationException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        boolean canRestrictGroups() {
            return SET_NAMED_GROUPS != null;
        }

        @Override
        void restrictGroups(SSLSocket socket, List<String> groups) throws Exception {
            if (SET_NAMED_GROUPS == null) {
                throw new IllegalStateException("SunJSSE " + jdkFeature() + " has no per-socket named groups");
            }
            setNamedGroups(socket, groups);
        }
    }
}
