package org.layer45.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

import org.layer45.error.TlsFailure;

/**
 * TLS 1.2 RSA key transport (RFC 5246 §7.4.7.1) over the JDK's {@link Cipher}: the client encrypts
 * with {@code RSA/ECB/PKCS1Padding}; the server decrypts with {@code RSA/ECB/NoPadding} (the raw RSA
 * of RFC 8017 §5.1.2, blinded by the JDK) and checks the RSAES-PKCS1-v1_5 encoding itself, in
 * constant time, because the JCA's padded decryption reports bad padding by an exception — a
 * branch whose timing is the Bleichenbacher oracle (ROBOT, Marvin).
 *
 * <p>Implicit rejection, the RFC's second construction: if the padding is wrong, the message is not
 * 48 bytes, or its first two bytes are not ClientHello.client_version, the premaster secret is the
 * caller's random fallback. Every check is folded into one word with bitwise operations and the
 * result is selected with a mask, so the work done does not depend on which check failed, if any.
 * The only early outs are on facts the sender already knows from the ciphertext alone: its length,
 * and whether it is at least the modulus.
 */
public final class JcaRsaKeyTransport {
    /** RFC 5246 §7.4.7.1: {@code struct { ProtocolVersion client_version; opaque random[46]; }}. */
    public static final int PRE_MASTER_LENGTH = 48;
    /** RFC 8017 §7.2.1: 0x00 0x02, at least eight non-zero padding bytes, 0x00. */
    private static final int MIN_PADDING = 11;

    private JcaRsaKeyTransport() {
    }

    /** RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1) of {@code message} under {@code key}. */
    public static byte[] encrypt(PublicKey key, byte[] message, SecureRandom random) throws TlsFailure {
        if (!(key instanceof RSAKey)) {
            throw TlsFailure.internal("rsa key transport needs an rsa key, not " + key.getAlgorithm(), null);
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, random);
            return cipher.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("rsa encryption of the premaster secret failed", e);
        }
    }

    /**
     * The premaster secret from {@code encrypted}, or {@code fallback} with implicit rejection; see
     * {@link org.layer45.crypto.CryptoBackend#rsaPreMasterSecret}.
     */
    public static byte[] preMasterSecret(PrivateKey key, byte[] encrypted, int clientVersion, byte[] fallback)
            throws TlsFailure {
        if (fallback.length != PRE_MASTER_LENGTH) {
            throw new IllegalArgumentException("fallback premaster secret must be 48 bytes");
        }
        if (!(key instanceof RSAKey rsa)) {
            throw TlsFailure.internal("rsa key transport needs an rsa key, not " + key.getAlgorithm(), null);
        }
        int k = (rsa.getModulus().bitLength() + 7) / 8;
        if (k < PRE_MASTER_LENGTH + MIN_PADDING) {
            throw TlsFailure.internal("rsa key too small for key transport", null);
        }
        return select(rawDecrypt(key, encrypted, k), clientVersion, fallback);
    }

    /**
     * c^d mod n as exactly k bytes (RFC 8017 §5.1.2, I2OSP). A ciphertext whose length is not k, or
     * whose value is not below the modulus, gives an all-zero block, which fails the padding check
     * like any other: both are facts the sender knows without us, so the shortcut reveals nothing.
     */
    private static byte[] rawDecrypt(PrivateKey key, byte[] encrypted, int k) throws TlsFailure {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("RSA/ECB/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("rsa decryption is not available for our key", e);
        }
        byte[] block = new byte[k];
        if (encrypted.length != k) {
            return block;
        }
        try {
            byte[] m = cipher.doFinal(encrypted);
            // SunJCE returns k bytes; a provider that strips leading zeros is put back to k bytes.
            int n = Math.min(m.length, k);
            System.arraycopy(m, m.length - n, block, k - n, n);
            return block;
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            return block; // c ≥ n (RFC 8017 §5.1.2 "ciphertext representative out of range")
        }
    }

    /**
     * RFC 5246 §7.4.7.1 with RFC 8017 §7.2.2 EME-PKCS1-v1_5 decoding for a 48-byte message: accepts
     * {@code 0x00 0x02 PS 0x00 M} with PS all non-zero and M = client_version ‖ 46 bytes; the
     * decoded M if so, else {@code fallback}. No branch depends on the block's content.
     */
    static byte[] select(byte[] block, int clientVersion, byte[] fallback) {
        int k = block.length;
        int m = k - PRE_MASTER_LENGTH;
        int bad = (block[0] & 0xFF) | ((block[1] & 0xFF) ^ 0x02);
        for (int i = 2; i < m - 1; i++) {
            bad |= isZero(block[i] & 0xFF); // PS: non-zero bytes (and so M is not longer than 48)
        }
        bad |= block[m - 1] & 0xFF; // the 0x00 separator right before a 48-byte M
        bad |= ((block[m] & 0xFF) ^ ((clientVersion >>> 8) & 0xFF)) | ((block[m + 1] & 0xFF) ^ (clientVersion & 0xFF));
        int useFallback = (bad | -bad) >> 31; // all ones if any check failed, else zero
        byte[] out = new byte[PRE_MASTER_LENGTH];
        for (int i = 0; i < PRE_MASTER_LENGTH; i++) {
            out[i] = (byte) ((fallback[i] & useFallback) | (block[m + i] & ~useFallback));
        }
        return out;
    }

    /** 1 if {@code x} (0..255) is zero, else 0, without a branch. */
    private static int isZero(int x) {
        return (x - 1) >>> 31;
    }
}
