package org.layer45.jsse;

import org.layer45.handshake.StoredTicket;
import org.layer45.handshake.TicketStore;

/**
 * One client connection's view of its context's shared {@link TicketStore}: tickets and TLS 1.2
 * sessions are filed under the peer's host and port as well as the SNI name the core uses. As in
 * SunJSSE's client session cache (keyed by host and port), a session learnt from one server is never
 * offered to another, even when neither connection sends SNI (e.g. "localhost" or an IP address).
 */
final class PeerTicketStore implements TicketStore {
    private final TicketStore shared;
    /** The peer as the application named it; the key is built per use, not kept (one per connection). */
    private final String host;
    private final int port;

    /**
     * @param shared the context's store
     * @param host   the peer host as the application named it, or null if unknown
     * @param port   the peer port, or -1 if unknown
     */
    PeerTicketStore(TicketStore shared, String host, int port) {
        this.shared = shared;
        this.host = host == null ? "" : host;
        this.port = port;
    }

    @Override
    public void put(String serverName, StoredTicket ticket) {
        shared.put(key(serverName), ticket);
    }

    @Override
    public StoredTicket take(String serverName) {
        return shared.take(key(serverName));
    }

    private String key(String serverName) {
        return host + ":" + port + "|" + (serverName == null ? "" : serverName);
    }
}
