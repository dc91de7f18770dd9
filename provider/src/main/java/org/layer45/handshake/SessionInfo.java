package org.layer45.handshake;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.Exporter;

/**
 * What a completed handshake negotiated: the session view of a connection.
 *
 * @param version           TLS 1.3 or TLS 1.2
 * @param suite             the cipher suite
 * @param group             the key exchange group
 * @param signatureScheme   the scheme of the server's CertificateVerify, or null when resumed
 * @param alpn              the application protocol, or null
 * @param peerCertificates  the peer's chain (empty if it sent none; on resumption, the original one)
 * @param localCertificates the chain we sent (empty if none)
 * @param serverName        the SNI host name (client: the configured one; server: the received one), or null
 * @param resumed           whether a PSK from a ticket was used (RFC 8446 §2.2)
 * @param exporter          the exporter for RFC 8446 §7.5 (TLS 1.2: RFC 5705)
 * @param handshakeMessages the handshake message types of the transcript, in order
 * @param sessionId         TLS 1.2: the session id of the ServerHello (RFC 5246 §7.4.1.3; may be empty);
 *                          TLS 1.3: empty (RFC 8446 §4.1.3 legacy_session_id_echo identifies nothing)
 * @param ocspResponse      the OCSP response the server stapled for its certificate (RFC 6066 §8,
 *                          RFC 8446 §4.4.2.1), unvalidated; empty if none (not requested, not sent, resumed)
 */
public record SessionInfo(ProtocolVersion version, CipherSuite suite, NamedGroup group,
        SignatureScheme signatureScheme, String alpn, List<X509Certificate> peerCertificates,
        List<X509Certificate> localCertificates, String serverName, boolean resumed, Exporter exporter,
        List<Integer> handshakeMessages, byte[] sessionId, byte[] ocspResponse) {

    /** A TLS 1.3 session's id (and an absent OCSP response): shared, as an empty array cannot change. */
    private static final byte[] NO_SESSION_ID = new byte[0];
    /** At most this many distinct message sequences are shared (see {@link #sharedSequence}). */
    private static final int MAX_SHARED_SEQUENCES = 64;
    private static final Map<List<Integer>, List<Integer>> SEQUENCES = new ConcurrentHashMap<>();

    public SessionInfo {
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        handshakeMessages = sharedSequence(List.copyOf(handshakeMessages));
        sessionId = sessionId.length == 0 ? NO_SESSION_ID : sessionId.clone();
        ocspResponse = ocspResponse.length == 0 ? NO_SESSION_ID : ocspResponse.clone();
    }

    /**
     * The one shared list equal to {@code types}: connections see a handful of message sequences
     * (full, resumed, with client authentication, after a HelloRetryRequest, per version), and every
     * established connection keeps its SessionInfo, so one list per sequence beats one per connection
     * (DESIGN.md §6). Bounded: past {@link #MAX_SHARED_SEQUENCES} a sequence keeps its own list.
     */
    private static List<Integer> sharedSequence(List<Integer> types) {
        List<Integer> known = SEQUENCES.get(types);
        if (known != null) {
            return known;
        }
        if (SEQUENCES.size() >= MAX_SHARED_SEQUENCES) {
            return types;
        }
        known = SEQUENCES.putIfAbsent(types, types);
        return known != null ? known : types;
    }

    /** A session without a stapled OCSP response. */
    public SessionInfo(ProtocolVersion version, CipherSuite suite, NamedGroup group, SignatureScheme signatureScheme,
            String alpn, List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
            String serverName, boolean resumed, Exporter exporter, List<Integer> handshakeMessages, byte[] sessionId) {
        this(version, suite, group, signatureScheme, alpn, peerCertificates, localCertificates, serverName, resumed,
                exporter, handshakeMessages, sessionId, NO_SESSION_ID);
    }

    /** A session without a session id (TLS 1.3). */
    public SessionInfo(ProtocolVersion version, CipherSuite suite, NamedGroup group, SignatureScheme signatureScheme,
            String alpn, List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
            String serverName, boolean resumed, Exporter exporter, List<Integer> handshakeMessages) {
        this(version, suite, group, signatureScheme, alpn, peerCertificates, localCertificates, serverName, resumed,
                exporter, handshakeMessages, new byte[0], NO_SESSION_ID);
    }

    @Override
    public byte[] ocspResponse() {
        return ocspResponse.length == 0 ? ocspResponse : ocspResponse.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.length == 0 ? sessionId : sessionId.clone();
    }
}
