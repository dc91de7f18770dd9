package org.layer45.handshake;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;

/**
 * Decides whether the peer's certificate chain is acceptable. Throws a {@link TlsFailure} with the
 * alert to send (bad_certificate, unknown_ca, certificate_expired, certificate_unknown, ...). The
 * JSSE layer plugs an X509TrustManager in here; {@link TrustedCertificatesVerifier} is a simple one.
 */
@FunctionalInterface
public interface PeerVerifier {
    /**
     * @param chain      the peer's chain, leaf first, never empty
     * @param serverName the server name (SNI) of this connection, or null
     * @param peerRole   the role of the peer whose chain this is
     */
    void verify(List<X509Certificate> chain, String serverName, Role peerRole) throws TlsFailure;

    /** Accepts every chain. Only for tests and for servers that authenticate clients elsewhere. */
    static PeerVerifier insecureAcceptAll() {
        return (chain, serverName, role) -> { };
    }

    /** Rejects every chain with certificate_unknown: the safe default when nothing is configured. */
    static PeerVerifier rejectAll() {
        return (chain, serverName, role) -> {
            throw new TlsFailure(AlertDescription.CERTIFICATE_UNKNOWN, Reason.CERTIFICATE_REJECTED,
                    "no peer verifier configured");
        };
    }
}
