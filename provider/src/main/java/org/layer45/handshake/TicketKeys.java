package org.layer45.handshake;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.layer45.crypto.Aead;
import org.layer45.crypto.CryptoBackend;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;

/**
 * The server's rotating ticket keys for stateless resumption (RFC 8446 §4.6.1, RFC 5077 §4 layout):
 * ticket = key_id(16) ‖ nonce(12) ‖ AES-256-GCM(state) with the key id as AAD. A new key is made
 * every rotation period; the previous key still opens tickets for one more period. Shared by all
 * connections of a Config; rotation is lock-free through an atomic reference.
 */
public final class TicketKeys {
    private static final int KEY_ID_LENGTH = 16;
    private static final int NONCE_LENGTH = AeadAlgorithm.NONCE_LENGTH;

    /** One generation of key material. */
    private record Generation(byte[] keyId, byte[] key, long createdMillis, Generation previous) {
    }

    private final CryptoBackend backend;
    private final LongSupplier clock;
    private final long rotationMillis;
    private final AtomicReference<Generation> current = new AtomicReference<>();

    public TicketKeys(CryptoBackend backend, LongSupplier clockMillis, long rotationMillis) {
        this.backend = backend;
        this.clock = clockMillis;
        this.rotationMillis = rotationMillis;
    }

    /** Seals {@code state} into a ticket under the current key. */
    public byte[] seal(byte[] state) throws TlsFailure {
        Generation g = generation();
        byte[] nonce = new byte[NONCE_LENGTH];
        backend.random().nextBytes(nonce);
        ByteBuffer out = ByteBuffer.allocate(KEY_ID_LENGTH + NONCE_LENGTH + state.length + AeadAlgorithm.TAG_LENGTH);
        out.put(g.keyId).put(nonce);
        Aead aead = backend.aead(AeadAlgorithm.AES_256_GCM, g.key);
        aead.seal(nonce, g.keyId, ByteBuffer.wrap(state), out);
        return out.array();
    }

    /** Opens a ticket sealed by us under the current or previous key; null if it is not ours or was altered. */
    public byte[] open(byte[] ticket) throws TlsFailure {
        if (ticket.length < KEY_ID_LENGTH + NONCE_LENGTH + AeadAlgorithm.TAG_LENGTH) {
            return null;
        }
        Generation g = generation();
        byte[] key = keyFor(g, ticket);
        if (key == null) {
            return null;
        }
        byte[] keyId = java.util.Arrays.copyOfRange(ticket, 0, KEY_ID_LENGTH);
        byte[] nonce = java.util.Arrays.copyOfRange(ticket, KEY_ID_LENGTH, KEY_ID_LENGTH + NONCE_LENGTH);
        ByteBuffer sealed = ByteBuffer.wrap(ticket, KEY_ID_LENGTH + NONCE_LENGTH,
                ticket.length - KEY_ID_LENGTH - NONCE_LENGTH);
        ByteBuffer plain = ByteBuffer.allocate(sealed.remaining());
        try {
            backend.aead(AeadAlgorithm.AES_256_GCM, key).open(nonce, keyId, sealed, plain);
        } catch (TlsFailure badMac) {
            // A forged or corrupted ticket is not an error: the server falls back to a full handshake.
            return null;
        }
        return java.util.Arrays.copyOf(plain.array(), plain.position());
    }

    private static byte[] keyFor(Generation g, byte[] ticket) {
        for (Generation x = g; x != null; x = x.previous) {
            if (java.util.Arrays.equals(ticket, 0, KEY_ID_LENGTH, x.keyId, 0, KEY_ID_LENGTH)) {
                return x.key;
            }
        }
        return null;
    }

    /** The current generation, rotating when its period is over. */
    private Generation generation() {
        long now = clock.getAsLong();
        Generation g = current.get();
        while (g == null || now - g.createdMillis >= rotationMillis) {
            // Keep only one previous generation: it still opens tickets for one more period.
            Generation prev = g == null ? null : new Generation(g.keyId, g.key, g.createdMillis, null);
            Generation next = new Generation(randomBytes(KEY_ID_LENGTH), randomBytes(32), now, prev);
            if (current.compareAndSet(g, next)) {
                return next;
            }
            g = current.get();
        }
        return g;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        backend.random().nextBytes(b);
        return b;
    }
}
