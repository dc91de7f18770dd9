package org.layer45.handshake.client.tls13;

import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionRules;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.Certificate13;
import org.layer45.message.CertificateRequest13;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.SignatureAlgorithms;

/**
 * Awaits the server's CertificateRequest or Certificate (RFC 8446 §4.3.2, §4.4.2), full handshake only.
 * Accepts: CertificateRequest, Certificate.
 */
public record ExpectCertificateOrCertificateRequest(Negotiated n, String alpn) implements ClientState {

    /**
     * What the server asked for when it requested our certificate.
     *
     * @param context              certificate_request_context to echo
     * @param signatureSchemes     its signature_algorithms
     * @param signatureSchemesCert its signature_algorithms_cert, or signatureSchemes when absent
     */
    record CertificateRequested(byte[] context, List<SignatureScheme> signatureSchemes,
            List<SignatureScheme> signatureSchemesCert) {
    }

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (in.is(Certificate13.class)) {
            return ExpectCertificate.handleCertificate(n, alpn, null, in);
        }
        if (!in.is(CertificateRequest13.class)) {
            throw in.unexpected("CertificateRequest or Certificate");
        }
        CertificateRequest13 cr = in.require(CertificateRequest13.class);
        if (cr.certificateRequestContext().length != 0) {
            // RFC 8446 §4.3.2: the context "SHALL be zero length unless used for post-handshake authentication".
            throw ExpectServerHello.illegal(org.layer45.error.Reason.ILLEGAL_PARAMETER,
                    "non-empty certificate_request_context in the handshake");
        }
        Extension sa = ExtensionRules.require(cr.extensions(), ExtensionType.SIGNATURE_ALGORITHMS,
                "certificate request");
        List<SignatureScheme> schemes = SignatureAlgorithms.decode(sa.data()).schemes();
        Extension sac = cr.extensions().find(ExtensionType.SIGNATURE_ALGORITHMS_CERT);
        List<SignatureScheme> certSchemes = sac == null ? schemes : SignatureAlgorithms.decode(sac.data()).schemes();
        n.transcript().add(in.encoded());
        return new ExpectCertificate(n, alpn,
                new CertificateRequested(cr.certificateRequestContext(), schemes, certSchemes));
    }
}
