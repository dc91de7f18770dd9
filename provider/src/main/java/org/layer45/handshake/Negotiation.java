package org.layer45.handshake;

import java.util.List;
import java.util.function.Predicate;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * The choices a TLS 1.3 handshake makes: cipher suite, group, signature scheme and ALPN protocol.
 * The server's preference order wins (as in rustls and Go).
 */
public final class Negotiation {
    private Negotiation() {
    }

    /** Our most preferred TLS 1.3 suite the peer offered, else handshake_failure (RFC 8446 §4.1.1). */
    public static CipherSuite chooseSuite(List<CipherSuite> ours, List<CipherSuite> offered) throws TlsFailure {
        for (CipherSuite s : ours) {
            if (s.tls13() && offered.contains(s)) {
                return s;
            }
        }
        throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.NO_COMMON_CIPHER_SUITE,
                "no cipher suite in common");
    }

    /** Our most preferred group that satisfies {@code acceptable}, or null. */
    public static NamedGroup firstGroup(List<NamedGroup> ours, Predicate<NamedGroup> acceptable) {
        for (NamedGroup g : ours) {
            if (acceptable.test(g)) {
                return g;
            }
        }
        return null;
    }

    /**
     * Our most preferred signature scheme that the peer offered, that TLS 1.3 allows in a
     * CertificateVerify (RFC 8446 §4.4.3: no RSASSA-PKCS1-v1_5, no SHA-1), and that {@code canSign}.
     * Null if none.
     */
    public static SignatureScheme chooseSignatureScheme(List<SignatureScheme> ours, List<SignatureScheme> peer,
            Predicate<SignatureScheme> canSign) {
        for (SignatureScheme s : ours) {
            if (peer.contains(s) && s.allowedInTls13CertificateVerify() && canSign.test(s)) {
                return s;
            }
        }
        return null;
    }

    /**
     * RFC 7301 §3.2: the server picks one of the client's protocols; with ALPN configured on both
     * sides and none in common it fails with no_application_protocol. Null when either side has none.
     */
    public static String chooseAlpn(List<String> ours, List<String> offered) throws TlsFailure {
        if (ours.isEmpty() || offered == null) {
            return null;
        }
        for (String p : ours) {
            if (offered.contains(p)) {
                return p;
            }
        }
        throw new TlsFailure(AlertDescription.NO_APPLICATION_PROTOCOL, Reason.NO_APPLICATION_PROTOCOL,
                "no application protocol in common");
    }
}
