package org.layer45.handshake.client.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.Hkdf;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.StoredTicket;
import org.layer45.handshake.TicketStore;
import org.layer45.iana.CipherSuite;
import org.layer45.keyschedule.KeySchedule;
import org.layer45.message.KeyUpdate;
import org.layer45.message.NewSessionTicket13;

/**
 * The client after its Finished: post-handshake messages only (RFC 8446 §4.6).
 * Accepts: NewSessionTicket, KeyUpdate.
 *
 * <p>It keeps only what filing a later ticket needs, not the whole {@link HandshakeSettings}: an
 * established connection lives long and idle, and its handshake configuration (lists, callbacks)
 * is dropped when the handshake completes (DESIGN.md §6).
 *
 * @param backend     for the resumption PSK's HKDF
 * @param ticketStore where tickets are filed, under {@code serverName}
 */
public record ClientTraffic(CryptoBackend backend, TicketStore ticketStore, String serverName, CipherSuite suite,
        byte[] resumptionMasterSecret, String alpn, List<X509Certificate> serverChain) implements ClientState {

    /** RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)". */
    private static final long MAX_TICKET_LIFETIME = 604800;

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (in.is(KeyUpdate.class)) {
            out.keyUpdateReceived(in.require(KeyUpdate.class).updateRequested());
            return this;
        }
        if (!in.is(NewSessionTicket13.class)) {
            throw in.unexpected("NewSessionTicket or KeyUpdate");
        }
        NewSessionTicket13 nst = in.require(NewSessionTicket13.class);
        if (nst.ticketLifetime() > MAX_TICKET_LIFETIME) {
            throw ExpectServerHello.illegal(Reason.ILLEGAL_PARAMETER, "ticket lifetime over 7 days");
        }
        if (nst.ticketLifetime() == 0) {
            return this; // RFC 8446 §4.6.1: zero means "discard immediately"
        }
        Hkdf hkdf = backend.hkdf(suite.hash());
        byte[] psk = KeySchedule.resumptionPsk(hkdf, resumptionMasterSecret, nst.ticketNonce());
        StoredTicket ticket = new StoredTicket(nst.ticket(), psk, suite, nst.ticketAgeAdd(), nst.ticketLifetime(),
                out.nowMillis(), serverName, alpn, serverChain);
        ticketStore.put(serverName, ticket);
        out.ticketReceived(ticket);
        return this;
    }

    @Override
    public boolean isTraffic() {
        return true;
    }
}
