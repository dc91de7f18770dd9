package org.layer45.handshake.client.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.iana.ExtensionType;
import org.layer45.message.Certificate13;
import org.layer45.message.CertificateStatus;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;

/**
 * Awaits the server's Certificate after a CertificateRequest (RFC 8446 §4.4.2); the leaf entry's
 * status_request, if we asked for one, carries a stapled OCSP response (§4.4.2.1), kept for the
 * session. Accepts: Certificate.
 */
public record ExpectCertificate(Negotiated n, String alpn,
        ExpectCertificateOrCertificateRequest.CertificateRequested request) implements ClientState {

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        in.require(Certificate13.class);
        return handleCertificate(n, alpn, request, in);
    }

    static ClientState handleCertificate(Negotiated n, String alpn,
            ExpectCertificateOrCertificateRequest.CertificateRequested request, HandshakeInput in) throws TlsFailure {
        Certificate13 cert = in.require(Certificate13.class);
        if (cert.certificateRequestContext().length != 0) {
            throw ExpectServerHello.illegal(org.layer45.error.Reason.ILLEGAL_PARAMETER,
                    "server certificate has a non-empty request context");
        }
        if (cert.entries().isEmpty()) {
            // RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST
            // abort the handshake with a "decode_error" alert."
            throw TlsFailure.decodeError("server sent an empty certificate list");
        }
        byte[] ocspResponse = stapledResponse(cert, n.offered().hello().extensions());
        List<X509Certificate> chain = CertificateChains.parse(cert);
        n.settings().peerVerifier().verify(chain, n.settings().serverName(), Role.SERVER);
        n.transcript().add(in.encoded());
        return new ExpectCertificateVerify(n, alpn, request, chain, ocspResponse);
    }

    /**
     * RFC 8446 §4.4.2: CertificateEntry extensions "MUST correspond to ones from the ClientHello"
     * (else unsupported_extension, §4.2). RFC 8446 §4.4.2.1: the leaf's status_request carries a
     * CertificateStatus body (RFC 6066 §8); returns its OCSP response, or empty if there is none.
     * Responses for intermediates (RFC 8446 allows them) are checked but not kept.
     */
    static byte[] stapledResponse(Certificate13 cert, Extensions offered) throws TlsFailure {
        byte[] leafResponse = new byte[0];
        for (int i = 0; i < cert.entries().size(); i++) {
            for (Extension e : cert.entries().get(i).extensions().list()) {
                if (!offered.has(e.type())) {
                    throw new TlsFailure(AlertDescription.UNSUPPORTED_EXTENSION, Reason.UNSOLICITED_EXTENSION,
                            "certificate entry carries an extension we did not offer (" + ExtensionType.name(e.type())
                                    + ")");
                }
                if (e.type() == ExtensionType.STATUS_REQUEST) {
                    byte[] response = CertificateStatus.decodeExtension(e.data()).response();
                    leafResponse = i == 0 ? response : leafResponse;
                }
            }
        }
        return leafResponse;
    }
}
