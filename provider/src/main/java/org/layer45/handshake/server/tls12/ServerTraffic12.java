package org.layer45.handshake.server.tls12;

import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.ClientHello;

/**
 * The TLS 1.2 server after the handshake. Renegotiation is refused: a ClientHello gets a
 * no_renegotiation warning and is otherwise ignored (RFC 5746 §4.4; nothing is computed for it, so
 * client-initiated renegotiation costs us nothing). Accepts: ClientHello.
 */
public record ServerTraffic12() implements Server12State {

    @Override
    public Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        in.require(ClientHello.class);
        out.sendWarningAlert(AlertDescription.NO_RENEGOTIATION);
        return this;
    }
}
