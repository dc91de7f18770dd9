package org.layer45.crypto;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * A SecureRandom that answers each {@code nextBytes} call with the next scripted value (which
 * must have the requested length); once the script is empty it falls back to real randomness.
 * Public for the RFC 8448 handshake tests, which inject the trace's randoms and key shares.
 */
public final class ScriptedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient Deque<byte[]> script = new ArrayDeque<>();
    private final transient SecureRandom fallback = new SecureRandom();

    public ScriptedRandom(String... hexValues) {
        for (String h : hexValues) {
            script.add(HexFormat.of().parseHex(h));
        }
    }

    /** Scripted values not yet drawn. */
    public int remaining() {
        return script.size();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] next = script.poll();
        if (next == null) {
            fallback.nextBytes(bytes);
            return;
        }
        if (next.length != bytes.length) {
            throw new IllegalStateException("scripted " + next.length + " bytes, asked for " + bytes.length);
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }
}
