package org.layer45.connection;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.server.tls13.ExpectClientHello;
import org.layer45.handshake.server.tls13.ServerHandshake;
import org.layer45.handshake.server.tls13.ServerState;

/** The server end of a sans-I/O TLS 1.3 connection; it waits for a ClientHello. */
public final class ServerConnection extends Connection {
    private ServerState state;

    public ServerConnection(Config config) {
        super(config);
        state = ServerHandshake.start(config);
    }

    @Override
    void handleHandshake(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        state = state.handle(in, out);
    }

    @Override
    boolean handshakeStarted() {
        return !(state instanceof ExpectClientHello);
    }

    @Override
    public String stateName() {
        return state.getClass().getSimpleName();
    }
}
