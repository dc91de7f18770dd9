package org.layer45.jsse;

import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.Connection;
import org.layer45.connection.ServerConnection;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.AlpnSelector;

/**
 * Starts an {@link Engine}'s handshake: creates its handshake {@link Session} and the core
 * connection, with the key/trust manager bridges and the ALPN selector wired to that engine.
 */
final class HandshakeStarter {
    private HandshakeStarter() {
    }

    static Session newSession(ContextState ctx, Engine engine, boolean client) {
        byte[] id = new byte[32];
        ctx.backend().random().nextBytes(id);
        // Until the handshake completes, the session names the highest enabled version (the one offered).
        String offered = engine.parameters().protocols.stream().filter(Protocols.SUPPORTED::contains).findFirst()
                .orElse(Protocols.TLS13);
        Session s = new Session(client ? ctx.clientSessions() : ctx.serverSessions(), engine.getPeerHost(),
                engine.getPeerPort(), offered, "SSL_NULL_WITH_NULL_NULL",
                Config.DEFAULT_SIGNATURE_SCHEMES_CERT, id);
        String sni = client ? ConfigFactory.clientServerName(engine.parameters(), engine.getPeerHost()) : null;
        if (sni != null) {
            s.setRequestedServerNames(List.of(sni));
        }
        return s;
    }

    /** The connection; a client's ClientHello is already queued. */
    static Connection connect(ContextState ctx, Engine engine, boolean client, Session session,
            BiFunction<SSLEngine, List<String>, String> alpnSelector) throws SSLException {
        String sni = client ? ConfigFactory.clientServerName(engine.parameters(), engine.getPeerHost()) : null;
        AlpnSelector selector = alpnSelector == null ? null : offered -> selectAlpn(engine, alpnSelector, offered);
        Config config = ConfigFactory.build(ctx, engine.parameters(), client, sni, engine.getPeerHost(),
                engine.getPeerPort(), new KeyManagerSelector(ctx.keyManager(), engine, ctx.backend()),
                new TrustManagerVerifier(ctx.trustManager(), engine), selector);
        if (!client) {
            return new ServerConnection(config);
        }
        ClientConnection c = new ClientConnection(config);
        try {
            c.start();
        } catch (TlsFailure f) {
            throw Failures.toException(f, true);
        }
        return c;
    }

    /** JSSE's handshake application-protocol selector: null refuses, "" means no ALPN (SSLEngine javadoc). */
    private static String selectAlpn(Engine engine, BiFunction<SSLEngine, List<String>, String> selector,
            List<String> offered) throws TlsFailure {
        String chosen = selector.apply(engine, offered);
        if (chosen == null) {
            throw new TlsFailure(AlertDescription.NO_APPLICATION_PROTOCOL, Reason.NO_APPLICATION_PROTOCOL,
                    "the application protocol selector accepted none of " + offered);
        }
        return chosen.isEmpty() ? null : chosen;
    }
}
