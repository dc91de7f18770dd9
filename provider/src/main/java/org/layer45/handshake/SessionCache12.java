package org.layer45.handshake;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server's bounded cache of TLS 1.2 sessions for session-ID resumption (RFC 5246 §7.4.1.2,
 * §F.1.4). Holds the encoded session state by session id; the oldest entries are evicted beyond
 * the capacity, and entries expire with the ticket lifetime. Thread-safe, lock-free.
 */
public final class SessionCache12 {
    private record Entry(byte[] state, long createdMillis) {
    }

    private final int capacity;
    private final long lifetimeMillis;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();

    /**
     * @param capacity       the most sessions kept
     * @param lifetimeMillis how long a session may be resumed
     */
    public SessionCache12(int capacity, long lifetimeMillis) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.lifetimeMillis = lifetimeMillis;
    }

    /** Stores a session under its id, evicting the oldest beyond capacity. */
    public void put(byte[] sessionId, byte[] state, long nowMillis) {
        String key = HexFormat.of().formatHex(sessionId);
        if (entries.put(key, new Entry(state.clone(), nowMillis)) == null) {
            order.add(key);
        }
        while (entries.size() > capacity) {
            String oldest = order.poll();
            if (oldest == null) {
                break;
            }
            entries.remove(oldest);
        }
    }

    /** The state stored under {@code sessionId} if present and unexpired, else null. */
    public byte[] get(byte[] sessionId, long nowMillis) {
        if (sessionId.length == 0) {
            return null;
        }
        Entry e = entries.get(HexFormat.of().formatHex(sessionId));
        if (e == null || nowMillis - e.createdMillis >= lifetimeMillis || nowMillis < e.createdMillis) {
            return null;
        }
        return e.state.clone();
    }

    /** The number of sessions held. */
    public int size() {
        return entries.size();
    }
}
