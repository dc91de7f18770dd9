package org.layer45.jsse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

import org.layer45.handshake.SessionInfo;
import org.layer45.iana.SignatureScheme;

/**
 * Layer45's {@link ExtendedSSLSession}. One object lives from the start of a handshake (it is the
 * {@code getHandshakeSession()} that trust and key managers see) to the end of the connection; the
 * handshake fills in the peer's certificates, requested names and signature schemes as it learns
 * them, and {@link #complete} freezes what was negotiated. Before a handshake, engines report
 * {@link #nullSession()} (suite {@code SSL_NULL_WITH_NULL_NULL}, protocol {@code NONE}) as SunJSSE does.
 */
public final class Session extends ExtendedSSLSession {
    /** RFC 8446 §5.2: 5-byte header + 2^14 + 256; 16709 is SunJSSE's value and covers it with room to spare. */
    static final int PACKET_BUFFER_SIZE = 16709;
    /** Room for the largest plaintext {@code unwrap} may produce from one record (never forces a retry). */
    static final int APPLICATION_BUFFER_SIZE = PACKET_BUFFER_SIZE - 5;
    /** The provider-specific marker applications and tests may check: {@code getValue(PROVIDER_KEY)}. */
    public static final String PROVIDER_KEY = "org.layer45.provider";
    /** {@code getValue(NAMED_GROUP_KEY)}: the key-exchange group negotiated, e.g. {@code "X25519MLKEM768"}. */
    public static final String NAMED_GROUP_KEY = "org.layer45.namedGroup";
    /** {@code getValue(RESUMED_KEY)}: {@code Boolean.TRUE} when the handshake resumed a session (PSK or id/ticket). */
    public static final String RESUMED_KEY = "org.layer45.resumed";

    /** Bits of {@link #builtIns}: which provider-specific values are visible (see {@link #getValue}). */
    private static final int PROVIDER_BIT = 1;
    private static final int NAMED_GROUP_BIT = 2;
    private static final int RESUMED_BIT = 4;
    private static final VarHandle VALUES;
    private static final VarHandle BUILT_INS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VALUES = lookup.findVarHandle(Session.class, "values", Map.class);
            BUILT_INS = lookup.findVarHandle(Session.class, "builtIns", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile byte[] id;
    private final SessionContext context;
    private final String peerHost;
    private final int peerPort;
    private final long creationTime = System.currentTimeMillis();
    /**
     * The application's values ({@link #putValue}); null until the first put, since most sessions never
     * get one (the provider-specific values are computed, not stored: DESIGN.md §6).
     */
    private volatile Map<String, Object> values;
    /**
     * The provider-specific values visible now: set by {@link #complete}, cleared one by one by
     * {@link #removeValue}. Their values are computed on demand from the fields, not stored.
     */
    private volatile int builtIns;
    /** The key-exchange group's name (a constant of its NamedGroup), or null. */
    private volatile String namedGroup;
    private volatile long lastAccessed = creationTime;
    private volatile boolean valid = true;
    private volatile String protocol;
    private volatile String cipherSuite;
    private volatile List<X509Certificate> peerCertificates = List.of();
    /** The OCSP response stapled for the peer's leaf certificate (RFC 6066 §8), or null. */
    private volatile byte[] ocspResponse;
    private volatile List<X509Certificate> localCertificates = List.of();
    private volatile List<SNIServerName> requestedServerNames = List.of();
    private volatile List<SignatureScheme> peerSignatureSchemes = List.of();
    private volatile boolean resumed;
    private final List<SignatureScheme> localSignatureSchemes;

    Session(SessionContext context, String peerHost, int peerPort, String protocol, String cipherSuite,
            List<SignatureScheme> localSignatureSchemes, byte[] id) {
        this.context = context;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.localSignatureSchemes = List.copyOf(localSignatureSchemes);
        this.id = id;
    }

    static Session nullSession() {
        return new Session(null, null, -1, "NONE", "SSL_NULL_WITH_NULL_NULL", List.of(), new byte[0]);
    }

    // ---- filled in during the handshake

    void setRequestedServerNames(List<String> hostNames) {
        requestedServerNames = hostNames.stream().<SNIServerName>map(SNIHostName::new).toList();
    }

    void setPeerSignatureSchemes(List<SignatureScheme> schemes) {
        peerSignatureSchemes = schemes == null ? List.of() : List.copyOf(schemes);
    }

    void setPeerCertificates(List<X509Certificate> chain) {
        peerCertificates = List.copyOf(chain);
    }

    void setLocalCertificates(List<X509Certificate> chain) {
        localCertificates = List.copyOf(chain);
    }

    /**
     * Freezes what the handshake negotiated (RFC 8446 §4.4.4: the handshake is complete). A TLS 1.2
     * session takes the session id of the ServerHello (RFC 5246 §7.4.1.3), as SunJSSE reports it, so
     * a session resumed by id keeps its id; TLS 1.3 sessions keep their random local id.
     */
    void complete(SessionInfo info) {
        byte[] tls12Id = info.sessionId();
        if (tls12Id.length > 0) {
            id = tls12Id;
        }
        resumed = info.resumed();
        protocol = Protocols.name(info.version());
        cipherSuite = info.suite().name();
        peerCertificates = info.peerCertificates();
        byte[] stapled = info.ocspResponse();
        ocspResponse = stapled.length == 0 ? null : stapled;
        localCertificates = info.localCertificates();
        if (info.serverName() != null && requestedServerNames.isEmpty()) {
            setRequestedServerNames(List.of(info.serverName()));
        }
        // Provider-specific facts JSSE has no getter for, readable through any SSLSession wrapper. They
        // replace what the application put under their names during the handshake, except the
        // provider marker, which yields to an application's value.
        namedGroup = info.group() == null ? null : info.group().name();
        Map<String, Object> map = values;
        if (map != null) {
            if (namedGroup != null) {
                map.remove(NAMED_GROUP_KEY);
            }
            map.remove(RESUMED_KEY);
        }
        builtIns = PROVIDER_BIT | RESUMED_BIT | (namedGroup != null ? NAMED_GROUP_BIT : 0);
        lastAccessed = System.currentTimeMillis();
    }

    /** The bit of {@link #builtIns} for {@code name}, or 0 if it is not a provider-specific value. */
    private static int builtInBit(String name) {
        return switch (name) {
            case PROVIDER_KEY -> PROVIDER_BIT;
            case NAMED_GROUP_KEY -> NAMED_GROUP_BIT;
            case RESUMED_KEY -> RESUMED_BIT;
            default -> 0;
        };
    }

    /** The provider-specific value of {@code bit}, computed from what the handshake negotiated. */
    private Object builtInValue(int bit) {
        return switch (bit) {
            case PROVIDER_BIT -> "Layer45";
            case NAMED_GROUP_BIT -> namedGroup;
            case RESUMED_BIT -> resumed;
            default -> null;
        };
    }

    private Map<String, Object> valuesForPut() {
        Map<String, Object> map = values;
        if (map != null) {
            return map;
        }
        Map<String, Object> fresh = new ConcurrentHashMap<>();
        // No lock (DESIGN.md: no monitors): the first of two racing puts installs the map.
        return VALUES.compareAndSet(this, (Map<?, ?>) null, (Map<?, ?>) fresh) ? fresh : values;
    }

    /** Whether the handshake resumed an earlier session (abbreviated handshake or PSK). */
    boolean resumed() {
        return resumed;
    }

    // ---- SSLSession

    @Override
    public byte[] getId() {
        return id.clone();
    }

    /** The id itself, not a copy, for the session cache's key: callers must not change it. */
    byte[] idBytes() {
        return id;
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessed;
    }

    @Override
    public void invalidate() {
        valid = false;
        if (context != null) {
            context.remove(this);
        }
    }

    @Override
    public boolean isValid() {
        return valid && (context == null || !context.expired(this, System.currentTimeMillis()));
    }

    /**
     * SSLSession javadoc: binds {@code value} under {@code name}. A value the application puts under a
     * provider-specific name hides the computed one until it is removed again.
     */
    @Override
    public void putValue(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Object old = valuesForPut().put(name, value);
        if (old instanceof SSLSessionBindingListener l) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener l) {
            l.valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> map = values;
        Object v = map == null ? null : map.get(name);
        if (v != null) {
            return v;
        }
        int bit = builtInBit(name);
        return (builtIns & bit) != 0 ? builtInValue(bit) : null;
    }

    /** Removes the application's value, and hides a provider-specific one of that name for good. */
    @Override
    public void removeValue(String name) {
        Objects.requireNonNull(name, "name");
        int bit = builtInBit(name);
        if (bit != 0) {
            BUILT_INS.getAndBitwiseAnd(this, ~bit);
        }
        Map<String, Object> map = values;
        Object old = map == null ? null : map.remove(name);
        if (old instanceof SSLSessionBindingListener l) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        Map<String, Object> map = values;
        List<String> names = map == null ? new ArrayList<>() : new ArrayList<>(map.keySet());
        int visible = builtIns;
        for (String key : List.of(PROVIDER_KEY, NAMED_GROUP_KEY, RESUMED_KEY)) {
            if ((visible & builtInBit(key)) != 0 && !names.contains(key)) {
                names.add(key);
            }
        }
        return names.toArray(new String[0]);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        List<X509Certificate> c = peerCertificates;
        if (c.isEmpty()) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return c.toArray(new Certificate[0]);
    }

    @Override
    public Certificate[] getLocalCertificates() {
        List<X509Certificate> c = localCertificates;
        return c.isEmpty() ? null : c.toArray(new Certificate[0]);
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        List<X509Certificate> c = peerCertificates;
        if (c.isEmpty()) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return c.get(0).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        List<X509Certificate> c = localCertificates;
        return c.isEmpty() ? null : c.get(0).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return APPLICATION_BUFFER_SIZE;
    }

    // ---- ExtendedSSLSession

    /** ExtendedSSLSession javadoc: standard Java Security names such as "SHA256withECDSA", not TLS names. */
    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return jcaNames(localSignatureSchemes);
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return jcaNames(peerSignatureSchemes);
    }

    static String[] jcaNames(List<SignatureScheme> schemes) {
        return schemes.stream().map(Session::jcaName).filter(Objects::nonNull).distinct()
                .toArray(String[]::new);
    }

    /** The JCA signature algorithm of a TLS SignatureScheme (as SunJSSE's SignatureScheme.algorithm). */
    static String jcaName(SignatureScheme s) {
        String n = s.name();
        if (n.startsWith("rsa_pss_")) {
            return "RSASSA-PSS";
        }
        if (n.equals("ed25519")) {
            return "Ed25519";
        }
        if (n.equals("ed448")) {
            return "Ed448";
        }
        int hashAt = n.lastIndexOf("_sha");
        if (hashAt < 0) {
            return null;
        }
        String hash = n.substring(hashAt + 1).toUpperCase(java.util.Locale.ROOT);
        if (n.startsWith("ecdsa_")) {
            return hash + "withECDSA";
        }
        if (n.startsWith("rsa_pkcs1_")) {
            return hash + "withRSA";
        }
        return null;
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    @Override
    public List<byte[]> getStatusResponses() {
        // ExtendedSSLSession: the stapled responses, leaf first; we keep the leaf's only. Copies: byte[] is mutable.
        byte[] stapled = ocspResponse;
        return stapled == null ? List.of() : List.of(stapled.clone());
    }

    @Override
    public String toString() {
        return "Session[" + protocol + ", " + cipherSuite + "]";
    }
}
