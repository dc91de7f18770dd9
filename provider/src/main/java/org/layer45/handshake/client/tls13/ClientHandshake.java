package org.layer45.handshake.client.tls13;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;

/** Entry point of the TLS 1.3 client handshake. */
public final class ClientHandshake {
    private ClientHandshake() {
    }

    /** Sends the first ClientHello (RFC 8446 §4.1.2) and returns the state awaiting ServerHello. */
    public static ClientState start(HandshakeSettings settings, HandshakeOutput out) throws TlsFailure {
        ClientHelloOffer offer = ClientHelloOffer.first(settings);
        out.sendHandshake(offer.encoded());
        return new ExpectServerHello(settings, offer, null, false);
    }
}
