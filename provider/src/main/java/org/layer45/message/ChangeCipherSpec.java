package org.layer45.message;

/**
 * A received TLS 1.2 ChangeCipherSpec record (RFC 5246 §7.1), handed to the handshake states as a
 * pseudo-message so that each state accepts it only where RFC 5246 allows it (before the peer's
 * Finished) exactly like any handshake message. It is never part of the transcript and never
 * encoded as a handshake message: it travels in its own record of type change_cipher_spec(20)
 * with the single byte 1.
 */
public record ChangeCipherSpec() implements HandshakeMessage {
    /**
     * The type code used for the pseudo-message: outside the one-byte handshake type space, so it
     * can never collide with a real handshake message.
     */
    public static final int PSEUDO_TYPE = 0x100 | 20;

    /** The raw form handed to states (no transcript bytes). */
    public static RawHandshake raw() {
        return new RawHandshake(PSEUDO_TYPE, new byte[0], new byte[0]);
    }

    @Override
    public int type() {
        return PSEUDO_TYPE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        throw new UnsupportedOperationException("change_cipher_spec is a record, not a handshake message");
    }

    /** The name used in unexpected_message details. */
    public static String name() {
        return "change_cipher_spec";
    }
}
