package org.layer45.jsse;

import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * An {@link SSLSessionContext}: the sessions of one SSLContext side by id, bounded by the cache
 * size (oldest evicted first) and expired after the timeout. Resumption itself runs in the core
 * (TLS 1.3 tickets; TLS 1.2 tickets and session ids, with the context's {@link PeerTicketStore} and
 * shared TLS 1.2 session cache); this cache serves {@code getSession(id)} / {@code getIds()} and the
 * application's timeout and size settings. A resumed TLS 1.2 session keeps its id, so it is found here.
 */
final class SessionContext implements SSLSessionContext {
    /** SunJSSE's defaults: 24 hours and 20480 sessions. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 86400;
    private static final int DEFAULT_CACHE_SIZE = 20480;

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Session> sessions = new LinkedHashMap<>();
    private volatile int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private volatile int cacheSize = DEFAULT_CACHE_SIZE;

    /** A session id as a map key (arrays compare by identity, so equality is by content here). */
    private record Key(byte[] bytes) {
        static Key of(byte[] id) {
            return new Key(id.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    void add(Session s) {
        lock.lock();
        try {
            // The session's own id array: it is never changed, and a copy per cached session costs 48 B.
            sessions.put(new Key(s.idBytes()), s);
            evict();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops sessions from the oldest end while they are over the size, expired or invalid. Insertion
     * order is creation order (a resumed TLS 1.2 session keeps its place and its creation time), so
     * the first live one ends the walk: adding a session costs O(1), not a scan of the whole cache
     * (a full scan per handshake made a 20,480-session server cache the hottest code in a handshake).
     * Sessions that expire or are invalidated behind a live one are filtered on lookup.
     */
    private void evict() {
        long now = System.currentTimeMillis();
        int max = cacheSize;
        var it = sessions.values().iterator();
        while (it.hasNext()) {
            Session oldest = it.next();
            boolean overSize = max > 0 && sessions.size() > max;
            if (!overSize && live(oldest, now)) {
                return;
            }
            it.remove();
        }
    }

    private boolean live(Session s, long now) {
        return s.isValid() && !expired(s, now);
    }

    boolean expired(Session s, long now) {
        int t = timeoutSeconds;
        return t > 0 && now - s.getCreationTime() > t * 1000L;
    }

    @Override
    public SSLSession getSession(byte[] sessionId) {
        if (sessionId == null) {
            throw new NullPointerException("sessionId");
        }
        lock.lock();
        try {
            evict();
            Session s = sessions.get(Key.of(sessionId));
            return s != null && live(s, System.currentTimeMillis()) ? s : null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Enumeration<byte[]> getIds() {
        lock.lock();
        try {
            evict();
            long now = System.currentTimeMillis();
            return Collections.enumeration(sessions.entrySet().stream().filter(e -> live(e.getValue(), now))
                    .map(e -> e.getKey().bytes().clone()).toList());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative timeout");
        }
        timeoutSeconds = seconds;
    }

    @Override
    public int getSessionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative cache size");
        }
        cacheSize = size;
        lock.lock();
        try {
            evict();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int getSessionCacheSize() {
        return cacheSize;
    }

    void remove(Session s) {
        lock.lock();
        try {
            sessions.remove(new Key(s.idBytes()), s);
        } finally {
            lock.unlock();
        }
    }
}
