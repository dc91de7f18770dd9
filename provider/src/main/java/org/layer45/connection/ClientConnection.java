package org.layer45.connection;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.client.tls13.ClientHandshake;
import org.layer45.handshake.client.tls13.ClientState;

/** The client end of a sans-I/O TLS 1.3 connection. Call {@link #start()} to queue the ClientHello. */
public final class ClientConnection extends Connection {
    private ClientState state;

    public ClientConnection(Config config) {
        super(config);
    }

    /** Queues the ClientHello (RFC 8446 §4.1.2). */
    public void start() throws TlsFailure {
        checkUsable();
        if (state != null) {
            throw new IllegalStateException("already started");
        }
        try {
            state = ClientHandshake.start(config, output());
            flushInitialClientHello();
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    @Override
    void handleHandshake(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (state == null) {
            throw in.unexpected("nothing before start()");
        }
        state = state.handle(in, out);
    }

    @Override
    boolean handshakeStarted() {
        return state != null;
    }

    @Override
    public String stateName() {
        return state == null ? "NotStarted" : state.getClass().getSimpleName();
    }
}
