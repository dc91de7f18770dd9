package org.layer45.handshake.client.tls12;

import java.security.MessageDigest;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.ProtocolVersion;
import org.layer45.keyschedule.Exporter;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.Finished;
import org.layer45.record.RecordProtection;

/**
 * Awaits the server's Finished (RFC 5246 §7.4.9), compared in constant time. In an abbreviated
 * handshake our ChangeCipherSpec and Finished follow. Accepts: Finished.
 *
 * @param abbreviatedWrite our write protection when resuming (we still owe CCS + Finished), else null
 */
public record ExpectServerFinished12(ExpectServerChangeCipherSpec k, RecordProtection abbreviatedWrite)
        implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Finished fin = in.require(Finished.class);
        ClientContext12 c = k.c();
        byte[] expected = Tls12KeySchedule.verifyData(c.hkdf(), k.master(), false, c.transcript().hash(c.hkdf()));
        if (!MessageDigest.isEqual(expected, fin.verifyData())) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_FINISHED, "finished verify data mismatch");
        }
        c.transcript().add(in.encoded());
        if (abbreviatedWrite != null) {
            out.changeWriteCipher12(abbreviatedWrite);
            byte[] verify = Tls12KeySchedule.verifyData(c.hkdf(), k.master(), true, c.transcript().hash(c.hkdf()));
            out.sendHandshake(c.transcript().add(new Finished(verify)));
        }
        storeSession(out);
        out.enableApplicationData();
        out.handshakeComplete(new SessionInfo(ProtocolVersion.TLS12, c.suite(), k.group(), k.serverScheme(),
                c.alpn(), k.serverChain(), k.localChain(), c.settings().serverName(), c.resumed() != null,
                Exporter.tls12(c.hkdf(), k.master(), c.clientRandom(), c.serverRandom()),
                c.transcript().messageTypes(), c.sessionId(), c.ocspResponse()));
        return new ClientTraffic12();
    }

    /** Keeps the session for resumption: by ticket (RFC 5077) and/or by session id (RFC 5246 §7.4.1.2). */
    private void storeSession(HandshakeOutput out) {
        ClientContext12 c = k.c();
        byte[] ticket = k.ticket() != null ? k.ticket().ticket()
                : c.resumed() != null ? c.resumed().ticket() : new byte[0];
        byte[] sessionId = c.sessionId();
        if (ticket.length == 0 && sessionId.length == 0) {
            return;
        }
        long hint = k.ticket() != null && k.ticket().lifetimeHintSeconds() > 0 ? k.ticket().lifetimeHintSeconds()
                : 7200;
        new ClientSession12(sessionId, ticket, k.master(), c.suite(), c.alpn(), k.serverChain())
                .store(c.settings(), out.nowMillis(), Math.min(hint, 604800));
    }
}
