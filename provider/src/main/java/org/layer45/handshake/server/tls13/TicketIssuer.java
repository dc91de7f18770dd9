package org.layer45.handshake.server.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.crypto.Hkdf;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.keyschedule.KeySchedule;
import org.layer45.message.NewSessionTicket13;
import org.layer45.message.extension.Extensions;

/** Issues stateless NewSessionTickets after the client's Finished (RFC 8446 §4.6.1). */
final class TicketIssuer {
    private TicketIssuer() {
    }

    static void issue(ServerNegotiated n, byte[] resumptionMasterSecret, List<X509Certificate> clientChain,
            HandshakeOutput out) throws TlsFailure {
        HandshakeSettings s = n.settings();
        if (s.ticketKeys() == null) {
            return;
        }
        Hkdf hkdf = s.backend().hkdf(n.suite().hash());
        for (int i = 0; i < s.maxTicketsSent(); i++) {
            // RFC 8446 §4.6.1: the nonce must be unique per ticket of one connection.
            byte[] nonce = {(byte) i};
            byte[] psk = KeySchedule.resumptionPsk(hkdf, resumptionMasterSecret, nonce);
            long ageAdd = s.backend().random().nextInt() & 0xFFFFFFFFL;
            ResumptionState state = new ResumptionState(n.suite(), psk, out.nowMillis(), ageAdd,
                    s.ticketLifetimeSeconds(), n.alpn(), n.serverName(), clientChain);
            byte[] ticket = s.ticketKeys().seal(state.encode());
            // Post-handshake messages are not part of the transcript.
            out.sendHandshake(new NewSessionTicket13(s.ticketLifetimeSeconds(), ageAdd, nonce, ticket,
                    Extensions.EMPTY).encode());
        }
    }
}
