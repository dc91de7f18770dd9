package org.layer45.handshake.client.tls12;

import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.HelloRequest;

/**
 * The TLS 1.2 client after the handshake. Renegotiation is refused: a HelloRequest gets a
 * no_renegotiation warning (RFC 5746 §4.2, RFC 5246 §7.4.1.1) and is otherwise ignored.
 * Accepts: HelloRequest.
 */
public record ClientTraffic12() implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        in.require(HelloRequest.class);
        out.sendWarningAlert(AlertDescription.NO_RENEGOTIATION);
        return this;
    }
}
