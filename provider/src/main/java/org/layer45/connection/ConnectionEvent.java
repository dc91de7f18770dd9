package org.layer45.connection;

import org.layer45.handshake.SessionInfo;
import org.layer45.handshake.StoredTicket;

/** Something that happened on a connection, polled with {@link Connection#pollEvent()}. */
public sealed interface ConnectionEvent {

    /** The handshake completed; application data may flow. */
    record HandshakeComplete(SessionInfo session) implements ConnectionEvent {
    }

    /** A client received and stored a session ticket (RFC 8446 §4.6.1). */
    record NewTicketReceived(StoredTicket ticket) implements ConnectionEvent {
    }

    /** The peer sent close_notify: no more data will arrive (RFC 8446 §6.1). */
    record PeerClosed() implements ConnectionEvent {
    }

    /**
     * Keys were updated (RFC 8446 §4.6.3).
     *
     * @param read whether the read direction changed (else the write direction)
     */
    record KeyUpdated(boolean read) implements ConnectionEvent {
    }
}
