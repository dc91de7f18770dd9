package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * TLS 1.2 NewSessionTicket (RFC 5077 §3.3): {@code uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>}.
 *
 * @param lifetimeHintSeconds the lifetime hint (0: unspecified)
 * @param ticket              the opaque ticket (empty: the server will not resume)
 */
public record NewSessionTicket12(long lifetimeHintSeconds, byte[] ticket) implements HandshakeMessage {

    /** Reads the body; consumes all of it. */
    public static NewSessionTicket12 read(TlsReader body) throws TlsFailure {
        long hint = body.u32("ticket_lifetime_hint");
        byte[] ticket = body.opaque16("ticket");
        body.expectEnd("new_session_ticket");
        return new NewSessionTicket12(hint, ticket);
    }

    @Override
    public int type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u32(lifetimeHintSeconds).opaque16(ticket);
    }
}
