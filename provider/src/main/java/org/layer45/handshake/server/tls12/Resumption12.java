package org.layer45.handshake.server.tls12;

import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Negotiation;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.Transcript12;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.Finished;
import org.layer45.message.ServerHello;

/**
 * The abbreviated TLS 1.2 handshake (RFC 5246 §7.3, RFC 5077 §3.1): a session from a ticket we
 * sealed or from the session cache, still valid, with a suite the client offers again and the same
 * server name, is resumed with ServerHello, ChangeCipherSpec, Finished. Only extended-master-secret
 * sessions exist and the client must offer EMS again (RFC 7627 §5.3, checked by {@link ClientOffer12}).
 */
final class Resumption12 {
    private Resumption12() {
    }

    /** The state after our abbreviated flight, or null for a full handshake. */
    static Server12State tryResume(HandshakeSettings s, ClientOffer12 offer, Transcript12 transcript, byte[] random,
            HandshakeOutput out) throws TlsFailure {
        byte[] sessionId = offer.hello().legacySessionId();
        if (sessionId.length == 0) {
            return null; // RFC 5077 §3.4: without a session id we could not signal resumption
        }
        ServerSession12 session = find(s, offer, sessionId, out.nowMillis());
        if (session == null || !offer.hello().cipherSuites().contains(session.suite())
                || !s.cipherSuites().contains(session.suite()) || !java.util.Objects.equals(session.serverName(),
                        offer.serverName())) {
            return null;
        }
        if (s.clientAuth() == ClientAuth.REQUIRED && session.clientChain().isEmpty()) {
            return null; // the session never authenticated a client, which we now require
        }
        String alpn = Negotiation.chooseAlpn(s.alpnProtocols(), offer.alpn());
        // RFC 5077 §3.4: accepting a ticket, the server echoes the client's session id.
        ServerHello sh = ServerHandshake12.serverHello(random, sessionId, session.suite(), offer, alpn, false);
        out.sendHandshake(transcript.add(sh));
        ServerContext12 c = new ServerContext12(s, offer, transcript, session.suite(), null, null, random, sessionId,
                alpn, offer.serverName(), List.of(), null, false);
        Tls12Policy.Protections p = Tls12Policy.protections(s.backend(), session.suite(), session.masterSecret(),
                offer.hello().random(), random);
        out.changeWriteCipher12(p.server());
        byte[] verify = Tls12KeySchedule.verifyData(c.hkdf(), session.masterSecret(), false, transcript.hash(c.hkdf()));
        out.sendHandshake(transcript.add(new Finished(verify)));
        return new ExpectClientChangeCipherSpec(c, new Keys12(session.masterSecret(), p, session.clientChain(), true));
    }

    private static ServerSession12 find(HandshakeSettings s, ClientOffer12 offer, byte[] sessionId, long now)
            throws TlsFailure {
        ServerSession12 session = null;
        if (offer.ticket() != null && offer.ticket().length > 0 && s.ticketKeys() != null) {
            session = ServerSession12.decode(s.ticketKeys().open(offer.ticket()));
        }
        if (session == null && s.sessionCache() != null) {
            // RFC 5077 §3.4: a ticket we cannot use does not stop session-ID resumption.
            session = ServerSession12.decode(s.sessionCache().get(sessionId, now));
        }
        if (session == null) {
            return null;
        }
        long age = now - session.issuedMillis();
        return age >= 0 && age < s.ticketLifetimeSeconds() * 1000L ? session : null;
    }
}
