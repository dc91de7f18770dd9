package org.layer45.handshake.client.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.message.Certificate13;

/** Awaits the server's Certificate after a CertificateRequest (RFC 8446 §4.4.2). Accepts: Certificate. */
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
        List<X509Certificate> chain = CertificateChains.parse(cert);
        n.settings().peerVerifier().verify(chain, n.settings().serverName(), Role.SERVER);
        n.transcript().add(in.encoded());
        return new ExpectCertificateVerify(n, alpn, request, chain);
    }
}
