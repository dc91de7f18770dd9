package org.layer45.connection;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A deterministic {@link SecureRandom} for tests: the same seed gives the same bytes, and
 * {@link #reset()} starts the sequence again, so a handshake can be replayed byte for byte
 * (DESIGN.md §3: randomness comes from the backend so tests are deterministic). Never for production.
 */
final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private transient SplittableRandom source;

    SeededRandom(long seed) {
        this.seed = seed;
        reset();
    }

    /** Restarts the byte sequence from the seed. */
    void reset() {
        source = new SplittableRandom(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) source.nextInt(256);
        }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] b = new byte[numBytes];
        nextBytes(b);
        return b;
    }

    /** The sequence is fixed by the constructor's seed; reseeding (also called by Random's constructor) is ignored. */
    @Override
    public void setSeed(long ignored) {
        // Deliberately no effect: determinism is the point of this class.
    }

    /** Ignored, as {@link #setSeed(long)}. */
    @Override
    public void setSeed(byte[] ignored) {
        // Deliberately no effect: determinism is the point of this class.
    }
}
