package org.layer45.handshake;

/**
 * Where a client keeps its session tickets, keyed by server name. Tickets are single-use
 * (RFC 8446 §C.4 recommends it against correlation): {@link #take} removes what it returns.
 * Shared by every connection of one Config, so implementations must be thread-safe.
 */
public interface TicketStore {
    void put(String serverName, StoredTicket ticket);

    /** Removes and returns the newest ticket for {@code serverName}, or null. */
    StoredTicket take(String serverName);
}
