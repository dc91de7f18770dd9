package org.layer45.handshake.server.tls12;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.message.ChangeCipherSpec;

/**
 * Awaits the client's ChangeCipherSpec (RFC 5246 §7.1) and switches the read direction to the new
 * keys. Accepts: ChangeCipherSpec.
 */
public record ExpectClientChangeCipherSpec(ServerContext12 c, Keys12 keys) implements Server12State {

    @Override
    public Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        in.require(ChangeCipherSpec.class);
        out.installReadProtection12(keys.protections().client());
        return new ExpectClientFinished12(c, keys);
    }
}
