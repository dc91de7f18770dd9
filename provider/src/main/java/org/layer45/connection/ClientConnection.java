package org.layer45.connection;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.client.tls12.Client12State;
import org.layer45.handshake.client.tls12.ClientHandshake12;
import org.layer45.handshake.client.tls13.ClientHandshake;
import org.layer45.handshake.client.tls13.ClientState;
import org.layer45.handshake.client.tls13.ExpectServerHello;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ServerHello;

/**
 * The client end of a sans-I/O TLS 1.3 / 1.2 connection. Call {@link #start()} to queue the
 * ClientHello. With TLS 1.3 enabled the TLS 1.3 states run until a TLS 1.2 ServerHello answers, which
 * hands over to the TLS 1.2 states (the one version branch point); TLS 1.2 only starts there.
 */
public final class ClientConnection extends Connection {
    private ClientState state;
    private Client12State state12;

    public ClientConnection(Config config) {
        super(config);
    }

    /** Queues the ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2). */
    public void start() throws TlsFailure {
        checkUsable();
        if (state != null || state12 != null) {
            throw new IllegalStateException("already started");
        }
        try {
            if (config().enabledProtocols().contains(ProtocolVersion.TLS13)) {
                state = ClientHandshake.start(config(), output());
            } else {
                state12 = ClientHandshake12.start(config(), output());
            }
            flushInitialClientHello();
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    @Override
    void handleHandshake(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (state12 != null) {
            state12 = state12.handle(in, out);
            return;
        }
        if (state == null) {
            throw in.unexpected("nothing before start()");
        }
        if (state instanceof ExpectServerHello first && first.retry() == null && Tls12Policy.enabled(config())
                && in.message() instanceof ServerHello sh && ClientHandshake12.negotiatesTls12(sh)) {
            // RFC 8446 §4.1.3: the server chose TLS 1.2 from our TLS 1.3 + 1.2 offer.
            state12 = ClientHandshake12.onServerHello(config(), first.offer().hello(), first.offer().encoded(),
                    first.offer().session12(), in, out);
            state = null;
            return;
        }
        state = state.handle(in, out);
    }

    @Override
    boolean handshakeStarted() {
        return state != null || state12 != null;
    }

    @Override
    boolean tls12() {
        return state12 != null;
    }

    /** Known once a TLS 1.3 ServerHello or HelloRetryRequest arrived (then the first hello's state is gone). */
    @Override
    boolean tls13Negotiated() {
        return state12 == null && state != null && !(state instanceof ExpectServerHello first && first.retry() == null);
    }

    @Override
    public String stateName() {
        if (state12 != null) {
            return state12.getClass().getSimpleName();
        }
        return state == null ? "NotStarted" : state.getClass().getSimpleName();
    }
}
