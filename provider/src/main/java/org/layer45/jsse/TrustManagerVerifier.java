package org.layer45.jsse;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.PeerVerifier;
import org.layer45.handshake.Role;

/**
 * Bridges an application's {@link X509TrustManager} to the core's {@link PeerVerifier}, calling it
 * exactly as SunJSSE does for TLS 1.3 (sun.security.ssl.CertificateMessage): a client checks the
 * server with authType {@code "UNKNOWN"} ("sufficient to check the required digitalSignature
 * KeyUsage for TLS 1.3"); a server checks the client with the leaf key's algorithm when it is RSA,
 * DSA, EC or RSASSA-PSS, else {@code "UNKNOWN"}. An {@link X509ExtendedTrustManager} gets the engine
 * (or the socket), so it can read the handshake session and do endpoint identification (HTTPS,
 * LDAPS); a plain X509TrustManager gets our own {@link HostnameCheck} when one is requested.
 * A rejection is reported with the defect found anywhere in the exception's causes (the PKIX trust
 * manager says only "validity check failed" on top) or, when no path could be built, in the chain
 * itself (the PKIX trust manager says "unable to find valid certification path" for a self-signed
 * leaf, an untrusted root and a missing intermediate alike), and with the alert RFC 8446 §6.2 names.
 */
final class TrustManagerVerifier implements PeerVerifier {
    private final X509TrustManager tm;
    private final Engine engine;

    TrustManagerVerifier(X509TrustManager tm, Engine engine) {
        this.tm = tm;
        this.engine = engine;
    }

    @Override
    public void verify(List<X509Certificate> chain, String serverName, Role peerRole) throws TlsFailure {
        engine.handshakeSessionInternal().setPeerCertificates(chain);
        String who = peerRole == Role.SERVER ? "server" : "client";
        if (tm == null) {
            throw new TlsFailure(AlertDescription.CERTIFICATE_UNKNOWN, Reason.CERTIFICATE_REJECTED,
                    "no trust manager to check the " + who + " certificate");
        }
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        try {
            if (peerRole == Role.SERVER) {
                checkServer(certs);
            } else {
                checkClient(certs, clientAuthType(certs[0]));
            }
        } catch (CertificateException e) {
            Defect defect = Defect.of(e, chain, tm.getAcceptedIssuers());
            throw new TlsFailure(defect.alert(), Reason.CERTIFICATE_REJECTED,
                    who + " certificate rejected: " + e.getMessage() + defect.text(), e);
        }
    }

    private void checkServer(X509Certificate[] certs) throws CertificateException {
        SSLSocket socket = engine.transportSocket();
        if (tm instanceof X509ExtendedTrustManager x) {
            if (socket != null) {
                x.checkServerTrusted(certs, "UNKNOWN", socket);
            } else {
                x.checkServerTrusted(certs, "UNKNOWN", engine);
            }
            return;
        }
        tm.checkServerTrusted(certs, "UNKNOWN");
        String alg = engine.parameters().endpointIdentificationAlgorithm;
        if (alg != null && !alg.isEmpty()) {
            HostnameCheck.verify(engine.handshakeSessionInternal(), certs[0], alg);
        }
    }

    private void checkClient(X509Certificate[] certs, String authType) throws CertificateException {
        SSLSocket socket = engine.transportSocket();
        if (tm instanceof X509ExtendedTrustManager x) {
            if (socket != null) {
                x.checkClientTrusted(certs, authType, socket);
            } else {
                x.checkClientTrusted(certs, authType, engine);
            }
            return;
        }
        tm.checkClientTrusted(certs, authType);
    }

    static String clientAuthType(X509Certificate leaf) {
        String alg = leaf.getPublicKey().getAlgorithm();
        return switch (alg) {
            case "RSA", "DSA", "EC", "RSASSA-PSS" -> alg;
            default -> "UNKNOWN";
        };
    }

    /**
     * What is wrong with a rejected certificate and the alert RFC 8446 §6.2 names for it:
     * certificate_expired ("a certificate has expired or is not currently valid"),
     * certificate_revoked, unknown_ca ("the CA certificate could not be located or could not be
     * matched with a known trust anchor"), else certificate_unknown with no text.
     */
    record Defect(String text, AlertDescription alert) {
        static final Defect UNKNOWN = new Defect("", AlertDescription.CERTIFICATE_UNKNOWN);

        /**
         * The defect named in the causes of {@code e}: an exception type first (it carries the dates),
         * then the PKIX validator's reason (SunJSSE reads that reason the same way), then, if no
         * path could be built, what the {@code chain} lacks given the {@code trusted} certificates.
         */
        static Defect of(CertificateException e, List<X509Certificate> chain, X509Certificate[] trusted) {
            Defect found = ofException(e);
            if (found == UNKNOWN && causedBy(e, CertPathBuilderException.class)) {
                Defect missing = missingTrust(chain, trusted == null ? new X509Certificate[0] : trusted);
                return missing == null ? UNKNOWN : missing;
            }
            return found;
        }

        private static Defect ofException(CertificateException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof CertificateExpiredException) {
                    return new Defect(" (certificate expired: " + c.getMessage() + ")",
                            AlertDescription.CERTIFICATE_EXPIRED);
                }
                if (c instanceof CertificateNotYetValidException) {
                    return new Defect(" (certificate not yet valid: " + c.getMessage() + ")",
                            AlertDescription.CERTIFICATE_EXPIRED);
                }
                if (c instanceof CertificateRevokedException) {
                    return new Defect(" (certificate revoked)", AlertDescription.CERTIFICATE_REVOKED);
                }
            }
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof CertPathValidatorException v && v.getReason() != null) {
                    switch (v.getReason().toString()) {
                        case "EXPIRED" -> {
                            return new Defect(" (certificate expired)", AlertDescription.CERTIFICATE_EXPIRED);
                        }
                        case "NOT_YET_VALID" -> {
                            return new Defect(" (certificate not yet valid)", AlertDescription.CERTIFICATE_EXPIRED);
                        }
                        case "REVOKED" -> {
                            return new Defect(" (certificate revoked)", AlertDescription.CERTIFICATE_REVOKED);
                        }
                        default -> {
                            // another reason (e.g. UNSPECIFIED): certificate_unknown
                        }
                    }
                }
            }
            return UNKNOWN;
        }

        private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Why no path leads from {@code chain} to a trust anchor: a self-signed leaf, a chain ending at
         * a self-signed root that is not trusted, or a last certificate whose issuer was neither sent
         * nor trusted (an incomplete chain); null when the chain shows none of these (then path
         * building failed for another reason, and we do not guess).
         */
        static Defect missingTrust(List<X509Certificate> chain, X509Certificate[] trusted) {
            X509Certificate leaf = chain.get(0);
            X509Certificate last = chain.get(chain.size() - 1);
            if (isTrusted(last, trusted)) {
                return null;
            }
            if (isSelfSigned(leaf)) {
                return new Defect(" (certificate is self-signed and not trusted: " + subject(leaf) + ")",
                        AlertDescription.UNKNOWN_CA);
            }
            if (isSelfSigned(last)) {
                return new Defect(" (certificate chain ends at an untrusted root " + subject(last) + ")",
                        AlertDescription.UNKNOWN_CA);
            }
            for (X509Certificate t : trusted) {
                if (issued(t, last)) {
                    return null;
                }
            }
            return new Defect(" (certificate chain is incomplete: no issuer " + last.getIssuerX500Principal().getName()
                    + " for " + subject(last) + " was sent or is trusted)", AlertDescription.UNKNOWN_CA);
        }

        private static String subject(X509Certificate c) {
            return c.getSubjectX500Principal().getName();
        }

        private static boolean isTrusted(X509Certificate c, X509Certificate[] trusted) {
            for (X509Certificate t : trusted) {
                if (t.getSubjectX500Principal().equals(c.getSubjectX500Principal())
                        && t.getPublicKey().equals(c.getPublicKey())) {
                    return true;
                }
            }
            return false;
        }

        /** RFC 5280 §6.1: {@code issuer} names and signed {@code c}. */
        private static boolean issued(X509Certificate issuer, X509Certificate c) {
            if (!issuer.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return false;
            }
            try {
                c.verify(issuer.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        private static boolean isSelfSigned(X509Certificate c) {
            return issued(c, c);
        }
    }
}
