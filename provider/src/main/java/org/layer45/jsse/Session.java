package org.layer45.jsse;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
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

    private volatile byte[] id;
    private final SessionContext context;
    private final String peerHost;
    private final int peerPort;
    private final long creationTime = System.currentTimeMillis();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile long lastAccessed = creationTime;
    private volatile boolean valid = true;
    private volatile String protocol;
    private volatile String cipherSuite;
    private volatile List<X509Certificate> peerCertificates = List.of();
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
        localCertificates = info.localCertificates();
        if (info.serverName() != null && requestedServerNames.isEmpty()) {
            setRequestedServerNames(List.of(info.serverName()));
        }
        values.putIfAbsent(PROVIDER_KEY, "Layer45");
        // Provider-specific facts JSSE has no getter for, readable through any SSLSession wrapper.
        if (info.group() != null) {
            values.put(NAMED_GROUP_KEY, info.group().name());
        }
        values.put(RESUMED_KEY, info.resumed());
        lastAccessed = System.currentTimeMillis();
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

    @Override
    public void putValue(String name, Object value) {
        Object old = values.put(name, value);
        if (old instanceof SSLSessionBindingListener l) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
        if (value instanceof SSLSessionBindingListener l) {
            l.valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        Object old = values.remove(name);
        if (old instanceof SSLSessionBindingListener l) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(new String[0]);
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
        return schemes.stream().map(Session::jcaName).filter(java.util.Objects::nonNull).distinct()
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
        return List.of(); // OCSP stapling is not implemented
    }

    @Override
    public String toString() {
        return "Session[" + protocol + ", " + cipherSuite + "]";
    }
}
