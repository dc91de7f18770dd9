package org.layer45.crypto.jca;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.layer45.crypto.Aead;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;

/**
 * AES-GCM and ChaCha20-Poly1305 over the JDK's {@link Cipher} ({@code AES/GCM/NoPadding},
 * {@code ChaCha20-Poly1305}), working on {@link ByteBuffer}s directly.
 *
 * <p>One instance per key and direction; not for concurrent use. The {@link Cipher} is created on the
 * first record and dropped by {@link #releaseState()}: until its init, a JCE Cipher keeps the whole
 * provider lookup (transform strings, service ids, a service iterator, ~1 KB), after it the expanded
 * key schedule, and on an idle connection a direction often carries no record under its current key
 * (DESIGN.md §6: idle connections stay small). Each record re-initialises the cipher with its nonce
 * (a new {@code GCMParameterSpec} / {@code IvParameterSpec} is the only per-record allocation, forced
 * by the JCA). The JDK refuses to re-initialise an encrypting AES-GCM or ChaCha20-Poly1305 cipher
 * with the nonce it last used; TLS never repeats a nonce under one key (RFC 8446 §5.3), so that
 * check never fires.
 *
 * <p>Decryption: on JDK 17 both ciphers (SunJCE {@code GaloisCounterMode}, {@code ChaCha20Cipher})
 * verify the tag before writing plaintext. JDK 25's AES-GCM decrypts into the output and zeroes it
 * again when the tag is wrong. Either way no plaintext is visible to the caller after a failed tag
 * and the buffer positions are unchanged (checked by {@code AeadTest} on both JDKs).
 */
public final class JcaAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final SecretKeySpec key;
    /** Null until the first record (see the class comment). */
    private Cipher cipher;

    /**
     * @param algorithm the AEAD
     * @param keyBytes  the key, {@code algorithm.keyLength()} bytes
     */
    public JcaAead(AeadAlgorithm algorithm, byte[] keyBytes) throws TlsFailure {
        if (keyBytes.length != algorithm.keyLength()) {
            throw TlsFailure.internal("aead key length " + keyBytes.length + " for " + algorithm, null);
        }
        this.algorithm = algorithm;
        this.key = new SecretKeySpec(keyBytes, chacha() ? "ChaCha20" : "AES");
    }

    private boolean chacha() {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305;
    }

    /** The cipher, created on the first record under this key (one allocation per key, not per record). */
    private Cipher cipher() throws TlsFailure {
        Cipher c = cipher;
        if (c == null) {
            try {
                c = Cipher.getInstance(chacha() ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw TlsFailure.internal("jdk lacks " + algorithm, e);
            }
            cipher = c;
        }
        return c;
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer ciphertext) throws TlsFailure {
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext, ciphertext);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("aead seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer plaintext) throws TlsFailure {
        int srcPos = ciphertext.position();
        int dstPos = plaintext.position();
        if (ciphertext.remaining() < AeadAlgorithm.TAG_LENGTH) {
            throw badRecordMac(null);
        }
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext, plaintext);
        } catch (AEADBadTagException e) {
            ciphertext.position(srcPos);
            plaintext.position(dstPos);
            throw badRecordMac(e);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("aead open failed", e);
        }
    }

    /** The cipher is created again, and keyed, by the next record. */
    @Override
    public void releaseState() {
        cipher = null;
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        return chacha()
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
    }

    private static TlsFailure badRecordMac(Throwable cause) {
        return new TlsFailure(AlertDescription.BAD_RECORD_MAC, Reason.BAD_RECORD_MAC,
                "record authentication failed", cause);
    }
}
