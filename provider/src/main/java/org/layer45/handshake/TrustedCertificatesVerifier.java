package org.layer45.handshake;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;

/**
 * A test-friendly {@link PeerVerifier}: either PKIX path validation (java.security.cert, no
 * revocation checks) to a set of trusted roots, or exact pinning of the peer's leaf certificate.
 * It does not check host names; the JSSE layer's trust managers do that.
 */
public final class TrustedCertificatesVerifier implements PeerVerifier {
    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> pinned;

    private TrustedCertificatesVerifier(Set<TrustAnchor> anchors, List<X509Certificate> pinned) {
        this.anchors = anchors;
        this.pinned = pinned;
    }

    /** PKIX validation to one of {@code roots}. */
    public static TrustedCertificatesVerifier pkix(List<X509Certificate> roots) {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate root : roots) {
            anchors.add(new TrustAnchor(root, null));
        }
        return new TrustedCertificatesVerifier(anchors, null);
    }

    /** Accepts exactly the given leaf certificates. */
    public static TrustedCertificatesVerifier pinned(List<X509Certificate> leaves) {
        return new TrustedCertificatesVerifier(null, List.copyOf(leaves));
    }

    @Override
    public void verify(List<X509Certificate> chain, String serverName, Role peerRole) throws TlsFailure {
        if (pinned != null) {
            verifyPinned(chain.get(0));
            return;
        }
        verifyPkix(chain);
    }

    private void verifyPinned(X509Certificate leaf) throws TlsFailure {
        for (X509Certificate c : pinned) {
            if (c.equals(leaf)) {
                return;
            }
        }
        throw new TlsFailure(AlertDescription.BAD_CERTIFICATE, Reason.CERTIFICATE_REJECTED,
                "peer certificate is not pinned");
    }

    private void verifyPkix(List<X509Certificate> chain) throws TlsFailure {
        // A self-signed leaf that is itself a trust anchor: PKIX needs a path of length >= 1 below
        // the anchor, so accept it by identity.
        for (TrustAnchor a : anchors) {
            if (a.getTrustedCert().equals(chain.get(0))) {
                return;
            }
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), params);
        } catch (CertPathValidatorException e) {
            throw new TlsFailure(alertFor(e), Reason.CERTIFICATE_REJECTED,
                    "certificate path validation failed: " + e.getReason(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsFailure(AlertDescription.CERTIFICATE_UNKNOWN, Reason.CERTIFICATE_REJECTED,
                    "certificate path validation failed", e);
        }
    }

    private static AlertDescription alertFor(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return AlertDescription.CERTIFICATE_EXPIRED;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return AlertDescription.BAD_CERTIFICATE;
        }
        return AlertDescription.UNKNOWN_CA;
    }
}
