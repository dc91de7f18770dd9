package org.layer45.handshake.server.tls12;

import java.security.MessageDigest;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.ProtocolVersion;
import org.layer45.keyschedule.Exporter;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.Finished;
import org.layer45.message.NewSessionTicket12;

/**
 * Awaits the client's Finished (RFC 5246 §7.4.9, constant-time comparison). In a full handshake our
 * [NewSessionTicket] (RFC 5077 §3.3), ChangeCipherSpec and Finished follow. Accepts: Finished.
 */
public record ExpectClientFinished12(ServerContext12 c, Keys12 keys) implements Server12State {

    @Override
    public Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Finished fin = in.require(Finished.class);
        byte[] expected = Tls12KeySchedule.verifyData(c.hkdf(), keys.master(), true, c.transcript().hash(c.hkdf()));
        if (!MessageDigest.isEqual(expected, fin.verifyData())) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_FINISHED, "finished verify data mismatch");
        }
        c.transcript().add(in.encoded());
        HandshakeSettings s = c.settings();
        if (!keys.abbreviated()) {
            ServerSession12 session = new ServerSession12(c.suite(), keys.master(), out.nowMillis(), c.alpn(),
                    c.serverName(), keys.clientChain());
            if (c.sendTicket()) {
                byte[] ticket = s.ticketKeys().seal(session.encode());
                out.sendHandshake(c.transcript().add(new NewSessionTicket12(s.ticketLifetimeSeconds(), ticket)));
            }
            if (c.sessionId().length > 0 && s.sessionCache() != null) {
                s.sessionCache().put(c.sessionId(), session.encode(), out.nowMillis());
            }
            out.changeWriteCipher12(keys.protections().server());
            byte[] verify = Tls12KeySchedule.verifyData(c.hkdf(), keys.master(), false, c.transcript().hash(c.hkdf()));
            out.sendHandshake(c.transcript().add(new Finished(verify)));
        }
        out.enableApplicationData();
        out.handshakeComplete(new SessionInfo(ProtocolVersion.TLS12, c.suite(), c.group(), c.scheme(), c.alpn(),
                keys.clientChain(), c.localChain(), c.serverName(), keys.abbreviated(),
                Exporter.tls12(c.hkdf(), keys.master(), c.clientRandom(), c.serverRandom()),
                c.transcript().messageTypes(), c.sessionId()));
        return new ServerTraffic12();
    }
}
