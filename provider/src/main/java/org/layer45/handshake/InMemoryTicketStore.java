package org.layer45.handshake;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The default {@link TicketStore}: per server name a bounded deque of tickets, newest first.
 * A null server name is stored under the empty string.
 */
public final class InMemoryTicketStore implements TicketStore {
    private static final int MAX_PER_SERVER = 8;

    private final Map<String, Deque<StoredTicket>> tickets = new ConcurrentHashMap<>();

    @Override
    public void put(String serverName, StoredTicket ticket) {
        Deque<StoredTicket> deque = tickets.computeIfAbsent(key(serverName), k -> new ConcurrentLinkedDeque<>());
        deque.addFirst(ticket);
        while (deque.size() > MAX_PER_SERVER) {
            deque.pollLast();
        }
    }

    @Override
    public StoredTicket take(String serverName) {
        Deque<StoredTicket> deque = tickets.get(key(serverName));
        return deque == null ? null : deque.pollFirst();
    }

    /** How many tickets are held for {@code serverName}. */
    public int count(String serverName) {
        Deque<StoredTicket> deque = tickets.get(key(serverName));
        return deque == null ? 0 : deque.size();
    }

    private static String key(String serverName) {
        return serverName == null ? "" : serverName;
    }
}
