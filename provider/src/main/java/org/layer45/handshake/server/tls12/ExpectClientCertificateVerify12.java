package org.layer45.handshake.server.tls12;

import java.security.PublicKey;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.CertificateVerify;

/**
 * Awaits the client's CertificateVerify (RFC 5246 §7.4.8): a scheme from our CertificateRequest that
 * fits the client key (else illegal_parameter), a signature over all handshake messages so far (else
 * decrypt_error). Accepts: CertificateVerify.
 */
public record ExpectClientCertificateVerify12(ServerContext12 c, Keys12 keys) implements Server12State {

    @Override
    public Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        CertificateVerify cv = in.require(CertificateVerify.class);
        PublicKey leaf = keys.clientChain().get(0).getPublicKey();
        if (!c.requested().contains(cv.scheme()) || !c.settings().backend().canVerify12(cv.scheme(), leaf)) {
            throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.UNOFFERED_SIGNATURE_SCHEME,
                    "client signed with a scheme we did not request or that does not fit its key (" + cv.scheme() + ")");
        }
        if (!c.settings().backend().verifier12(cv.scheme(), leaf).verify(c.transcript().messages(), cv.signature())) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_SIGNATURE,
                    "certificate verify signature is invalid");
        }
        c.transcript().add(in.encoded());
        return new ExpectClientChangeCipherSpec(c, keys);
    }
}
