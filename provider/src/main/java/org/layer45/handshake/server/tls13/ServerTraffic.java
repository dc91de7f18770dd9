package org.layer45.handshake.server.tls13;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.KeyUpdate;

/**
 * The server after the client's Finished: only KeyUpdate may arrive (RFC 8446 §4.6.3; we never send
 * a post-handshake CertificateRequest). Accepts: KeyUpdate.
 */
public record ServerTraffic() implements ServerState {

    @Override
    public ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        KeyUpdate ku = in.require(KeyUpdate.class);
        out.keyUpdateReceived(ku.updateRequested());
        return this;
    }

    @Override
    public boolean isTraffic() {
        return true;
    }
}
