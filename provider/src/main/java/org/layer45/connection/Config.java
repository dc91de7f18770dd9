package org.layer45.connection;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.handshake.AlpnSelector;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.ExtensionCustomizer;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.PeerVerifier;
import org.layer45.handshake.SessionCache12;
import org.layer45.handshake.TicketKeys;
import org.layer45.handshake.TicketStore;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;

/**
 * The immutable configuration of a connection (built with {@link #builder()}): algorithms in
 * preference order, ALPN, SNI, the crypto backend and clock, and the callbacks for certificate
 * selection and peer verification. One Config may serve many connections; the ticket store and
 * ticket keys it references are shared and thread-safe.
 */
public final class Config implements HandshakeSettings {
    /** TLS 1.2 ECDHE AEAD suites (RFC 5289, RFC 7905), AES-128 first, ECDSA before RSA. */
    public static final List<CipherSuite> DEFAULT_SUITES_12 = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    /** RFC 8446 default preference (AES-128 first: fastest with AES-NI), then the TLS 1.2 suites. */
    public static final List<CipherSuite> DEFAULT_SUITES = concat(CipherSuite.TLS13_ALL, DEFAULT_SUITES_12);
    /**
     * TLS 1.2 RSA key transport AEAD suites (RFC 5288, RFC 5246 §7.4.7.1): implemented for peers that
     * have nothing else, never in {@link #DEFAULT_SUITES} (DESIGN.md §8: no forward secrecy). Used only
     * when the application lists them in {@link Builder#cipherSuites}; always offered and preferred
     * after every ECDHE suite.
     */
    public static final List<CipherSuite> RSA_KEY_TRANSPORT_SUITES = List.of(
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384);
    /** Every suite we implement: the defaults, then the RSA key transport suites. */
    public static final List<CipherSuite> SUPPORTED_SUITES = concat(DEFAULT_SUITES, RSA_KEY_TRANSPORT_SUITES);
    /** TLS 1.3 and TLS 1.2, highest first. */
    public static final List<ProtocolVersion> DEFAULT_PROTOCOLS = List.of(ProtocolVersion.TLS13,
            ProtocolVersion.TLS12);
    /** Server: TLS 1.2 sessions kept for session-ID resumption by default. */
    public static final int DEFAULT_SESSION_CACHE_SIZE = 1024;
    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519,
            NamedGroup.SECP256R1, NamedGroup.SECP384R1);
    public static final List<NamedGroup> DEFAULT_KEY_SHARE_GROUPS = List.of(NamedGroup.X25519_MLKEM768,
            NamedGroup.X25519);
    public static final List<SignatureScheme> DEFAULT_SIGNATURE_SCHEMES = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
            SignatureScheme.RSA_PSS_PSS_SHA512, SignatureScheme.ED25519);
    public static final List<SignatureScheme> DEFAULT_SIGNATURE_SCHEMES_CERT = concat(DEFAULT_SIGNATURE_SCHEMES,
            List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                    SignatureScheme.RSA_PKCS1_SHA512));
    /** Two hours: well under the RFC 8446 §4.6.1 maximum of seven days. */
    public static final long DEFAULT_TICKET_LIFETIME_SECONDS = 2 * 3600;

    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<NamedGroup> keyShareGroups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<SignatureScheme> signatureSchemesCert;
    private final List<String> alpnProtocols;
    private final AlpnSelector alpnSelector;
    private final KeyLog keyLog;
    private final String serverName;
    private final CryptoBackend backend;
    private final Clock clock;
    private final boolean middleboxCompatibility;
    private final ClientAuth clientAuth;
    private final CertificateSelector certificateSelector;
    private final PeerVerifier peerVerifier;
    private final TicketStore ticketStore;
    private final TicketKeys ticketKeys;
    private final int maxTicketsSent;
    private final long ticketLifetimeSeconds;
    private final ExtensionCustomizer extensionCustomizer;
    private final List<ProtocolVersion> enabledProtocols;
    private final SessionCache12 sessionCache;
    private final boolean requestOcspStapling;

    private Config(Builder b) {
        cipherSuites = List.copyOf(b.cipherSuites);
        groups = List.copyOf(b.groups);
        keyShareGroups = List.copyOf(b.keyShareGroups);
        signatureSchemes = List.copyOf(b.signatureSchemes);
        signatureSchemesCert = List.copyOf(b.signatureSchemesCert);
        alpnProtocols = List.copyOf(b.alpnProtocols);
        alpnSelector = b.alpnSelector;
        keyLog = b.keyLog;
        serverName = b.serverName;
        backend = b.backend != null ? b.backend : DefaultCryptoBackend.create();
        clock = b.clock;
        middleboxCompatibility = b.middleboxCompatibility;
        clientAuth = b.clientAuth;
        certificateSelector = b.certificateSelector;
        peerVerifier = b.peerVerifier;
        ticketStore = b.ticketStore != null ? b.ticketStore : new InMemoryTicketStore();
        ticketKeys = b.ticketKeys != null ? b.ticketKeys
                : new TicketKeys(backend, clock::millis, b.ticketLifetimeSeconds * 1000L);
        maxTicketsSent = b.maxTicketsSent;
        ticketLifetimeSeconds = b.ticketLifetimeSeconds;
        extensionCustomizer = b.extensionCustomizer;
        enabledProtocols = List.copyOf(b.enabledProtocols);
        sessionCache = b.sessionCache != null ? b.sessionCache
                : new SessionCache12(DEFAULT_SESSION_CACHE_SIZE, b.ticketLifetimeSeconds * 1000L);
        requestOcspStapling = b.requestOcspStapling;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this Config's values (e.g. to derive a client config with another server name). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cipherSuites = cipherSuites;
        b.groups = groups;
        b.keyShareGroups = keyShareGroups;
        b.signatureSchemes = signatureSchemes;
        b.signatureSchemesCert = signatureSchemesCert;
        b.alpnProtocols = alpnProtocols;
        b.alpnSelector = alpnSelector;
        b.keyLog = keyLog;
        b.serverName = serverName;
        b.backend = backend;
        b.clock = clock;
        b.middleboxCompatibility = middleboxCompatibility;
        b.clientAuth = clientAuth;
        b.certificateSelector = certificateSelector;
        b.peerVerifier = peerVerifier;
        b.ticketStore = ticketStore;
        b.ticketKeys = ticketKeys;
        b.maxTicketsSent = maxTicketsSent;
        b.ticketLifetimeSeconds = ticketLifetimeSeconds;
        b.extensionCustomizer = extensionCustomizer;
        b.enabledProtocols = enabledProtocols;
        b.sessionCache = sessionCache;
        b.requestOcspStapling = requestOcspStapling;
        return b;
    }

    // @formatter:off
    @Override public List<CipherSuite> cipherSuites() { return cipherSuites; }
    @Override public List<NamedGroup> groups() { return groups; }
    @Override public List<NamedGroup> keyShareGroups() { return keyShareGroups; }
    @Override public List<SignatureScheme> signatureSchemes() { return signatureSchemes; }
    @Override public List<SignatureScheme> signatureSchemesCert() { return signatureSchemesCert; }
    @Override public List<String> alpnProtocols() { return alpnProtocols; }
    @Override public AlpnSelector alpnSelector() { return alpnSelector; }
    @Override public String serverName() { return serverName; }
    @Override public CryptoBackend backend() { return backend; }
    @Override public long currentTimeMillis() { return clock.millis(); }
    @Override public boolean middleboxCompatibility() { return middleboxCompatibility; }
    @Override public ClientAuth clientAuth() { return clientAuth; }
    @Override public CertificateSelector certificateSelector() { return certificateSelector; }
    @Override public PeerVerifier peerVerifier() { return peerVerifier; }
    @Override public TicketStore ticketStore() { return ticketStore; }
    @Override public TicketKeys ticketKeys() { return ticketKeys; }
    @Override public int maxTicketsSent() { return maxTicketsSent; }
    @Override public long ticketLifetimeSeconds() { return ticketLifetimeSeconds; }
    @Override public ExtensionCustomizer extensionCustomizer() { return extensionCustomizer; }
    @Override public List<ProtocolVersion> enabledProtocols() { return enabledProtocols; }
    @Override public SessionCache12 sessionCache() { return sessionCache; }
    @Override public boolean requestOcspStapling() { return requestOcspStapling; }
    public Clock clock() { return clock; }
    /** Where this connection's secrets are logged, or null (the default). */
    public KeyLog keyLog() { return keyLog; }
    // @formatter:on

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /** Builds a {@link Config}; every setter has a secure default. */
    public static final class Builder {
        private List<CipherSuite> cipherSuites = DEFAULT_SUITES;
        private List<NamedGroup> groups = DEFAULT_GROUPS;
        private List<NamedGroup> keyShareGroups = DEFAULT_KEY_SHARE_GROUPS;
        private List<SignatureScheme> signatureSchemes = DEFAULT_SIGNATURE_SCHEMES;
        private List<SignatureScheme> signatureSchemesCert = DEFAULT_SIGNATURE_SCHEMES_CERT;
        private List<String> alpnProtocols = List.of();
        private AlpnSelector alpnSelector;
        private KeyLog keyLog;
        private String serverName;
        private CryptoBackend backend;
        private Clock clock = Clock.systemUTC();
        private boolean middleboxCompatibility = true;
        private boolean requestOcspStapling;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private CertificateSelector certificateSelector = CertificateSelector.none();
        private PeerVerifier peerVerifier = PeerVerifier.rejectAll();
        private TicketStore ticketStore;
        private TicketKeys ticketKeys;
        private int maxTicketsSent = 2;
        private long ticketLifetimeSeconds = DEFAULT_TICKET_LIFETIME_SECONDS;
        private ExtensionCustomizer extensionCustomizer = ExtensionCustomizer.none();
        private List<ProtocolVersion> enabledProtocols = DEFAULT_PROTOCOLS;
        private SessionCache12 sessionCache;

        private Builder() {
        }

        /** The protocol versions to negotiate: TLS 1.3 and/or TLS 1.2 (others are refused). */
        public Builder enabledProtocols(List<ProtocolVersion> v) {
            for (ProtocolVersion p : nonEmpty(v, "enabledProtocols")) {
                if (!p.equals(ProtocolVersion.TLS13) && !p.equals(ProtocolVersion.TLS12)) {
                    throw new IllegalArgumentException("unsupported protocol version " + p);
                }
            }
            enabledProtocols = List.copyOf(v);
            return this;
        }

        /** Server: the TLS 1.2 session-ID cache (shared by connections); by default 1024 sessions. */
        public Builder sessionCache(SessionCache12 v) { sessionCache = v; return this; }

        /** Suites in preference order, TLS 1.3 and TLS 1.2 mixed; each version uses its own. */
        public Builder cipherSuites(List<CipherSuite> v) { cipherSuites = nonEmpty(v, "cipherSuites"); return this; }

        public Builder groups(List<NamedGroup> v) { groups = nonEmpty(v, "groups"); return this; }

        public Builder keyShareGroups(List<NamedGroup> v) { keyShareGroups = List.copyOf(v); return this; }

        public Builder signatureSchemes(List<SignatureScheme> v) {
            signatureSchemes = nonEmpty(v, "signatureSchemes");
            return this;
        }

        public Builder signatureSchemesCert(List<SignatureScheme> v) {
            signatureSchemesCert = nonEmpty(v, "signatureSchemesCert");
            return this;
        }

        public Builder alpnProtocols(List<String> v) { alpnProtocols = List.copyOf(v); return this; }

        /** Server: let the application choose the ALPN protocol (null: choose from alpnProtocols). */
        public Builder alpnSelector(AlpnSelector v) { alpnSelector = v; return this; }

        /** Log secrets in NSS key log terms (debugging only); null for none. */
        public Builder keyLog(KeyLog v) { keyLog = v; return this; }

        /** Client: the SNI host name (and the ticket store key); null for none. */
        public Builder serverName(String v) { serverName = v; return this; }

        public Builder backend(CryptoBackend v) { backend = v; return this; }

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        public Builder middleboxCompatibility(boolean v) { middleboxCompatibility = v; return this; }

        public Builder clientAuth(ClientAuth v) { clientAuth = Objects.requireNonNull(v); return this; }

        public Builder certificateSelector(CertificateSelector v) {
            certificateSelector = Objects.requireNonNull(v);
            return this;
        }

        public Builder peerVerifier(PeerVerifier v) { peerVerifier = Objects.requireNonNull(v); return this; }

        public Builder ticketStore(TicketStore v) { ticketStore = v; return this; }

        /** Server: the ticket keys; by default fresh keys rotating every ticket lifetime. */
        public Builder ticketKeys(TicketKeys v) { ticketKeys = v; return this; }

        /** Server: NewSessionTickets sent after each handshake (0 disables resumption). */
        public Builder maxTicketsSent(int v) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("maxTicketsSent out of range: " + v);
            }
            maxTicketsSent = v;
            return this;
        }

        /** Server: ticket lifetime; RFC 8446 §4.6.1 caps it at 604800 s (7 days). */
        public Builder ticketLifetimeSeconds(long v) {
            if (v <= 0 || v > 604800) {
                throw new IllegalArgumentException("ticket lifetime out of range: " + v);
            }
            ticketLifetimeSeconds = v;
            return this;
        }

        /**
         * Edits the extensions of our ClientHello, ServerHello, HelloRetryRequest and
         * EncryptedExtensions just before they are encoded (see {@link ExtensionCustomizer} for the
         * rules it must keep). Default: none. For tests (RFC 8448 byte-exact runs) and experiments.
         */
        public Builder extensionCustomizer(ExtensionCustomizer v) {
            extensionCustomizer = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Client: send status_request (RFC 6066 §8) so the server may staple an OCSP response for its
         * certificate (TLS 1.2 CertificateStatus; TLS 1.3 in the leaf CertificateEntry, RFC 8446
         * §4.4.2.1). The response reaches {@code SessionInfo.ocspResponse()} unvalidated. Default: off
         * (opt-in: the core adds nothing to the ClientHello the application did not ask for; the JSSE
         * adapter turns it on as SunJSSE does, see {@code jdk.tls.client.enableStatusRequestExtension}).
         */
        public Builder requestOcspStapling(boolean v) {
            requestOcspStapling = v;
            return this;
        }

        public Config build() {
            return new Config(this);
        }

        private static <T> List<T> nonEmpty(List<T> v, String what) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return List.copyOf(v);
        }
    }
}
