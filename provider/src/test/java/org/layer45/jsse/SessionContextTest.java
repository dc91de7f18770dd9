package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's {@link SSLSessionContext}: bounded by the cache size (oldest first), sessions
 * invalidated or past the timeout are neither listed nor returned, and lookups are by id content.
 */
@Timeout(60)
class SessionContextTest {

    private static SSLSession handshake(SSLContext client, SSLContext server) throws Exception {
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        new EngineLoop(c, s, false).handshake();
        return s.getSession();
    }

    private static List<SSLSession> sessions(int n, SSLContext server) throws Exception {
        List<SSLSession> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // A fresh client context each time: nothing to resume, so every handshake makes a new session.
            out.add(handshake(TestPki.layer45(null), server));
        }
        return out;
    }

    private static int count(SSLSessionContext ctx) {
        return Collections.list(ctx.getIds()).size();
    }

    @Test
    void cacheSizeEvictsTheOldestFirst() throws Exception {
        SSLContext server = TestPki.layer45(TestPki.serverKeys("ec"));
        SSLSessionContext ctx = server.getServerSessionContext();
        ctx.setSessionCacheSize(2);
        List<SSLSession> made = sessions(3, server);
        assertEquals(2, count(ctx));
        assertNull(ctx.getSession(made.get(0).getId()), "the oldest went first");
        assertSame(made.get(2), ctx.getSession(made.get(2).getId().clone()), "found by the id's content");
        ctx.setSessionCacheSize(1);
        assertEquals(1, count(ctx));
        assertArrayEquals(made.get(2).getId(), Collections.list(ctx.getIds()).get(0));
    }

    @Test
    void invalidatedSessionsAreGoneEvenBehindLiveOnes() throws Exception {
        SSLContext server = TestPki.layer45(TestPki.serverKeys("ec"));
        SSLSessionContext ctx = server.getServerSessionContext();
        List<SSLSession> made = sessions(3, server);
        made.get(1).invalidate();
        assertNull(ctx.getSession(made.get(1).getId()));
        assertEquals(2, count(ctx));
        assertSame(made.get(0), ctx.getSession(made.get(0).getId()));
    }

    @Test
    void expiredSessionsAreNeitherListedNorReturned() throws Exception {
        SSLContext server = TestPki.layer45(TestPki.serverKeys("ec"));
        SSLSessionContext ctx = server.getServerSessionContext();
        List<SSLSession> made = sessions(2, server);
        assertEquals(2, count(ctx));
        ctx.setSessionTimeout(1);
        // A session created at t is expired once now - t > 1 s; the creation times are in the past already.
        long deadline = made.get(1).getCreationTime() + 1_100;
        while (System.currentTimeMillis() <= deadline) {
            Thread.sleep(50); // waiting for the clock itself, not for another thread
        }
        assertNull(ctx.getSession(made.get(1).getId()));
        assertEquals(0, count(ctx));
        assertThrows(IllegalArgumentException.class, () -> ctx.setSessionTimeout(-1));
    }
}
