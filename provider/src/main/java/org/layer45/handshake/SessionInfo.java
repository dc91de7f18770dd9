package org.layer45.handshake;

import java.security.cert.X509Certificate;
import java.util.List;

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
 */
public record SessionInfo(ProtocolVersion version, CipherSuite suite, NamedGroup group,
        SignatureScheme signatureScheme, String alpn, List<X509Certificate> peerCertificates,
        List<X509Certificate> localCertificates, String serverName, boolean resumed, Exporter exporter,
        List<Integer> handshakeMessages, byte[] sessionId) {

    public SessionInfo {
        peerCertificates = List.copyOf(peerCertificates);
        localCertificates = List.copyOf(localCertificates);
        handshakeMessages = List.copyOf(handshakeMessages);
        sessionId = sessionId.clone();
    }

    /** A session without a session id (TLS 1.3). */
    public SessionInfo(ProtocolVersion version, CipherSuite suite, NamedGroup group, SignatureScheme signatureScheme,
            String alpn, List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
            String serverName, boolean resumed, Exporter exporter, List<Integer> handshakeMessages) {
        this(version, suite, group, signatureScheme, alpn, peerCertificates, localCertificates, serverName, resumed,
                exporter, handshakeMessages, new byte[0]);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }
}
