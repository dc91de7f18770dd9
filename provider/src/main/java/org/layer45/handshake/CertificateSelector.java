package org.layer45.handshake;

import java.util.List;

import org.layer45.iana.SignatureScheme;

/**
 * Chooses our certificate. A server calls it for every full handshake with the client's SNI host
 * names and signature algorithms; a client calls it when the server sends a CertificateRequest
 * (RFC 8446 §4.3.2), with the configured server name. The JSSE layer plugs an X509KeyManager in here.
 */
@FunctionalInterface
public interface CertificateSelector {
    /**
     * @param role                  our role
     * @param serverNames           SNI host names (server: as received; client: the configured name), maybe empty
     * @param signatureSchemes      the peer's signature_algorithms
     * @param signatureSchemesCert  the peer's signature_algorithms_cert (or signatureSchemes when absent)
     * @return the chain to send, or null (server: handshake_failure; client: an empty Certificate)
     */
    CertifiedKey select(Role role, List<String> serverNames, List<SignatureScheme> signatureSchemes,
            List<SignatureScheme> signatureSchemesCert);

    /** Always the same certificate. */
    static CertificateSelector fixed(CertifiedKey key) {
        return (role, names, schemes, certSchemes) -> key;
    }

    /** Never a certificate. */
    static CertificateSelector none() {
        return (role, names, schemes, certSchemes) -> null;
    }
}
