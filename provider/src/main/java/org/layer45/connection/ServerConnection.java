package org.layer45.connection;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.VersionNegotiation;
import org.layer45.handshake.server.tls12.Server12State;
import org.layer45.handshake.server.tls12.ServerHandshake12;
import org.layer45.handshake.server.tls13.ExpectClientHello;
import org.layer45.handshake.server.tls13.ServerHandshake;
import org.layer45.handshake.server.tls13.ServerState;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;

/**
 * The server end of a sans-I/O TLS 1.3 / 1.2 connection; it waits for a ClientHello and picks the
 * version there (the one version branch point, {@link VersionNegotiation}).
 */
public final class ServerConnection extends Connection {
    private ServerState state;
    private Server12State state12;

    public ServerConnection(Config config) {
        super(config);
        state = ServerHandshake.start(config);
    }

    @Override
    void handleHandshake(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (state12 != null) {
            state12 = state12.handle(in, out);
            return;
        }
        if (state instanceof ExpectClientHello && in.message() instanceof ClientHello ch) {
            ProtocolVersion version = VersionNegotiation.choose(enabledVersions(), ch);
            if (version.equals(ProtocolVersion.TLS12)) {
                boolean supports13 = config().enabledProtocols().contains(ProtocolVersion.TLS13);
                state12 = ServerHandshake12.respond(config(), ch, in, out, supports13);
                state = null; // the TLS 1.3 states are done with (and held the configuration)
                return;
            }
        }
        state = state.handle(in, out);
    }

    /** The versions we can actually do: TLS 1.2 needs a TLS 1.2 suite too. */
    private List<ProtocolVersion> enabledVersions() {
        List<ProtocolVersion> out = new ArrayList<>();
        if (config().enabledProtocols().contains(ProtocolVersion.TLS13)) {
            out.add(ProtocolVersion.TLS13);
        }
        if (Tls12Policy.enabled(config())) {
            out.add(ProtocolVersion.TLS12);
        }
        return out;
    }

    @Override
    boolean handshakeStarted() {
        return state12 != null || !(state instanceof ExpectClientHello);
    }

    @Override
    boolean tls12() {
        return state12 != null;
    }

    @Override
    boolean tls13Negotiated() {
        return state12 == null && !(state instanceof ExpectClientHello);
    }

    @Override
    public String stateName() {
        return state12 != null ? state12.getClass().getSimpleName() : state.getClass().getSimpleName();
    }
}
