package org.layer45.testcrypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.layer45.crypto.Hkdf;
import org.layer45.crypto.TranscriptHash;

/**
 * Test-scope HKDF (RFC 5869) over the JDK's HmacSHA256 / HmacSHA384, standing in for the real
 * backend until {@code DefaultCryptoBackend} lands. Allocates freely; correctness only.
 */
public final class TestHkdf implements Hkdf {
    private final String hashName;
    private final String macName;
    private final int hashLength;

    private TestHkdf(String hashName, String macName, int hashLength) {
        this.hashName = hashName;
        this.macName = macName;
        this.hashLength = hashLength;
    }

    public static TestHkdf sha256() {
        return new TestHkdf("SHA-256", "HmacSHA256", 32);
    }

    public static TestHkdf sha384() {
        return new TestHkdf("SHA-384", "HmacSHA384", 48);
    }

    @Override
    public String hashName() {
        return hashName;
    }

    @Override
    public int hashLength() {
        return hashLength;
    }

    @Override
    public byte[] extract(byte[] salt, byte[] ikm) {
        // RFC 5869 §2.2: salt not provided → HashLen zeros.
        byte[] s = salt == null || salt.length == 0 ? new byte[hashLength] : salt;
        return hmac(s, ikm);
    }

    @Override
    public byte[] expand(byte[] prk, byte[] info, int length) {
        // RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) | info | i).
        Mac mac = mac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    public byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    @Override
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    @Override
    public TranscriptHash newTranscriptHash() {
        return new Transcript(newDigest());
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(key, macName));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(hashName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A transcript hash over a cloneable JDK MessageDigest. */
    private static final class Transcript implements TranscriptHash {
        private final MessageDigest md;

        Transcript(MessageDigest md) {
            this.md = md;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            md.update(data, offset, length);
        }

        @Override
        public byte[] current() {
            return copyDigest().digest();
        }

        @Override
        public TranscriptHash copy() {
            return new Transcript(copyDigest());
        }

        @Override
        public int length() {
            return md.getDigestLength();
        }

        private MessageDigest copyDigest() {
            try {
                return (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
