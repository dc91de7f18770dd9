package org.layer45.handshake.client.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.CertificateStatus;

/**
 * After the server's Certificate when its ServerHello carried status_request (RFC 6066 §8): the
 * server may send a CertificateStatus with the OCSP response for its certificate, kept unvalidated
 * for the session; it "MAY also choose not to send" one, so any other message is handled by the
 * state that follows the Certificate ({@link ExpectServerCertificate12#afterCertificate}), which
 * rejects what it does not accept. Without the promise this state is never entered, and a
 * CertificateStatus is unexpected_message in the next state. Accepts: CertificateStatus, or what the
 * next state accepts.
 *
 * @param c     the handshake so far
 * @param chain the server's verified chain
 */
public record ExpectCertificateStatus(ClientContext12 c, List<X509Certificate> chain) implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (!in.is(CertificateStatus.class)) {
            return ExpectServerCertificate12.afterCertificate(c, chain).handle(in, out);
        }
        CertificateStatus status = in.require(CertificateStatus.class);
        c.transcript().add(in.encoded());
        return ExpectServerCertificate12.afterCertificate(c.withOcspResponse(status.response()), chain);
    }
}
