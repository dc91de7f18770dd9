package org.layer45.handshake.client.tls12;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.CertificateRequest12;
import org.layer45.message.ServerHelloDone;

/** Awaits ServerHelloDone after a CertificateRequest (RFC 5246 §7.4.5). Accepts: ServerHelloDone. */
public record ExpectServerHelloDone(ExpectCertificateRequestOrDone keys, CertificateRequest12 request)
        implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        in.require(ServerHelloDone.class);
        keys.c().transcript().add(in.encoded());
        return ClientFlight12.send(keys, request, out);
    }
}
