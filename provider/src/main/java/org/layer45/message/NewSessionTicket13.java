package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.Extensions;

/**
 * TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1):
 * <pre>
 * uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce&lt;0..255&gt;;
 * opaque ticket&lt;1..2^16-1&gt;; Extension extensions&lt;0..2^16-2&gt;;
 * </pre>
 * The 7-day lifetime cap (604800 s) is policy, checked by the client.
 *
 * @param ticketLifetime lifetime in seconds (u32)
 * @param ticketAgeAdd the obfuscation value (u32)
 * @param ticketNonce the per-ticket nonce
 * @param ticket the opaque ticket (the PSK identity)
 * @param extensions the extensions (early_data)
 */
public record NewSessionTicket13(long ticketLifetime, long ticketAgeAdd, byte[] ticketNonce, byte[] ticket,
        Extensions extensions) implements HandshakeMessage {

    /** RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)". */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    /** Reads the body; consumes all of it. */
    public static NewSessionTicket13 read(TlsReader body) throws TlsFailure {
        long lifetime = body.u32("ticket_lifetime");
        long ageAdd = body.u32("ticket_age_add");
        byte[] nonce = body.opaque8("ticket_nonce");
        byte[] ticket = body.opaque16("ticket");
        if (ticket.length == 0) {
            throw TlsFailure.decodeError("empty ticket");
        }
        Extensions extensions = Extensions.read(body);
        body.expectEnd("new_session_ticket");
        return new NewSessionTicket13(lifetime, ageAdd, nonce, ticket, extensions);
    }

    @Override
    public int type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u32(ticketLifetime).u32(ticketAgeAdd).opaque8(ticketNonce).opaque16(ticket);
        extensions.write(w);
    }

    @Override
    public String toString() {
        return "NewSessionTicket13[lifetime=" + ticketLifetime + ", ticket=" + ticket.length + " bytes, extensions="
                + extensions + "]";
    }
}
