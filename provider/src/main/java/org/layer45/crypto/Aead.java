package org.layer45.crypto;

import java.nio.ByteBuffer;

import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;

/**
 * One AEAD key (RFC 5116) for one direction of a connection. The caller owns the nonce and AAD
 * arrays and reuses them for every record, so the record path allocates nothing of its own.
 */
public interface Aead {
    AeadAlgorithm algorithm();

    /**
     * Encrypts all remaining bytes of {@code plaintext} into {@code ciphertext}, followed by the
     * 16-byte tag. Both buffers advance. {@code ciphertext} must have room for
     * {@code plaintext.remaining() + 16} bytes. The buffers may be the same memory.
     *
     * @return bytes written to {@code ciphertext}
     */
    int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer ciphertext) throws TlsFailure;

    /**
     * Verifies and decrypts all remaining bytes of {@code ciphertext} (which end with the tag) into
     * {@code plaintext}; both advance. {@code plaintext} may overlap {@code ciphertext} (decryption in
     * place). Nothing is written to {@code plaintext} unless the tag verifies.
     *
     * @return plaintext bytes written
     * @throws TlsFailure {@code bad_record_mac} when the tag does not verify
     */
    int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer plaintext) throws TlsFailure;

    /**
     * Drops state that the next {@link #seal} or {@link #open} rebuilds from the key (such as a JCE
     * cipher with its expanded key schedule). Connections call it when the handshake completes, so an
     * idle connection keeps that state only for directions that carried application records since
     * (DESIGN.md §6). By default nothing is dropped.
     */
    default void releaseState() {
    }
}
