package org.layer45.handshake;

import java.util.List;

import org.layer45.crypto.CryptoBackend;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;

/**
 * The policy a handshake runs under, read-only. Implemented by {@code connection.Config}; kept as an
 * interface here so the handshake packages do not depend on {@code connection} (DESIGN.md §2).
 * Every list is in our preference order.
 */
public interface HandshakeSettings {
    List<CipherSuite> cipherSuites();

    List<NamedGroup> groups();

    /** Groups the client sends key shares for in its first ClientHello. */
    List<NamedGroup> keyShareGroups();

    List<SignatureScheme> signatureSchemes();

    List<SignatureScheme> signatureSchemesCert();

    List<String> alpnProtocols();

    /** Server: an application callback that picks the ALPN protocol instead of {@link #alpnProtocols()}; or null. */
    default AlpnSelector alpnSelector() {
        return null;
    }

    /** Client: the SNI host name to send, or null. */
    String serverName();

    CryptoBackend backend();

    long currentTimeMillis();

    boolean middleboxCompatibility();

    ClientAuth clientAuth();

    CertificateSelector certificateSelector();

    PeerVerifier peerVerifier();

    TicketStore ticketStore();

    TicketKeys ticketKeys();

    int maxTicketsSent();

    long ticketLifetimeSeconds();

    /** Edits the extensions of our hellos and EncryptedExtensions before encoding; by default none. */
    default ExtensionCustomizer extensionCustomizer() {
        return ExtensionCustomizer.none();
    }

    /** The protocol versions we may negotiate, highest first (RFC 8446 §4.2.1). */
    default List<ProtocolVersion> enabledProtocols() {
        return List.of(ProtocolVersion.TLS13);
    }

    /**
     * Client: whether to ask the server to staple an OCSP response (status_request, RFC 6066 §8;
     * RFC 8446 §4.4.2.1). The response is kept in the {@link SessionInfo}, not validated.
     */
    default boolean requestOcspStapling() {
        return false;
    }

    /** Server: the bounded cache of TLS 1.2 sessions for session-ID resumption, or null for none. */
    default SessionCache12 sessionCache() {
        return null;
    }
}
