package org.layer45.jsse;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** A session id as a map key. */
    private record Key(List<Byte> bytes) {
        static Key of(byte[] id) {
            Byte[] boxed = new Byte[id.length];
            for (int i = 0; i < id.length; i++) {
                boxed[i] = id[i];
            }
            return new Key(List.of(boxed));
        }

        byte[] toArray() {
            byte[] out = new byte[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i);
            }
            return out;
        }
    }

    void add(Session s) {
        lock.lock();
        try {
            sessions.put(Key.of(s.getId()), s);
            evict();
        } finally {
            lock.unlock();
        }
    }

    private void evict() {
        long now = System.currentTimeMillis();
        sessions.values().removeIf(s -> expired(s, now) || !s.isValid());
        int max = cacheSize;
        var it = sessions.entrySet().iterator();
        while (max > 0 && sessions.size() > max && it.hasNext()) {
            it.next();
            it.remove();
        }
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
            return sessions.get(Key.of(sessionId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Enumeration<byte[]> getIds() {
        lock.lock();
        try {
            evict();
            return Collections.enumeration(sessions.keySet().stream().map(Key::toArray).toList());
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
            sessions.remove(Key.of(s.getId()), s);
        } finally {
            lock.unlock();
        }
    }
}
