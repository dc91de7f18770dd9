package org.layer45.testcrypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

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
 * Test-scope AEAD over the JDK's AES/GCM/NoPadding and ChaCha20-Poly1305. Copies input to a
 * fresh array so in-place use is safe, and writes nothing to the output unless the tag verifies.
 */
public final class TestAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final SecretKeySpec key;

    public TestAead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException("key length " + key.length + " for " + algorithm);
        }
        this.algorithm = algorithm;
        this.key = new SecretKeySpec(key, algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, ByteBuffer plaintext, ByteBuffer ciphertext) throws TlsFailure {
        byte[] in = new byte[plaintext.remaining()];
        plaintext.get(in);
        try {
            byte[] out = cipher(Cipher.ENCRYPT_MODE, nonce, aad).doFinal(in);
            ciphertext.put(out);
            return out.length;
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("test aead seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, ByteBuffer ciphertext, ByteBuffer plaintext) throws TlsFailure {
        byte[] in = new byte[ciphertext.remaining()];
        ciphertext.get(in);
        byte[] out;
        try {
            out = cipher(Cipher.DECRYPT_MODE, nonce, aad).doFinal(in);
        } catch (AEADBadTagException e) {
            throw new TlsFailure(AlertDescription.BAD_RECORD_MAC, Reason.BAD_RECORD_MAC,
                    "record authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("test aead open failed", e);
        }
        plaintext.put(out);
        return out.length;
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher c;
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, key, new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce));
        }
        c.updateAAD(aad);
        return c;
    }
}
