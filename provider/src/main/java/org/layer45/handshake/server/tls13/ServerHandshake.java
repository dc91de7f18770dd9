package org.layer45.handshake.server.tls13;

import org.layer45.handshake.HandshakeSettings;

/** Entry point of the TLS 1.3 server handshake. */
public final class ServerHandshake {
    private ServerHandshake() {
    }

    /** The state awaiting the first ClientHello. */
    public static ServerState start(HandshakeSettings settings) {
        return new ExpectClientHello(settings);
    }
}
