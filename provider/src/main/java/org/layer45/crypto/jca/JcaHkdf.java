package org.layer45.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.layer45.crypto.Hkdf;
import org.layer45.crypto.TranscriptHash;

/**
 * HKDF (RFC 5869) over the JDK's HMAC ({@code HmacSHA256} / {@code HmacSHA384}), plus the plain hash
 * and transcript hash for the same function. Stateless and safe to share between connections: every
 * call takes its own {@link Mac} / {@link MessageDigest}.
 */
public final class JcaHkdf implements Hkdf {
    private final String hashName;
    private final String macName;
    private final int hashLength;

    /**
     * @param hashName "SHA-256" or "SHA-384"
     * @throws IllegalArgumentException for any other hash
     */
    public JcaHkdf(String hashName) {
        switch (hashName) {
            case "SHA-256" -> {
                this.macName = "HmacSHA256";
                this.hashLength = 32;
            }
            case "SHA-384" -> {
                this.macName = "HmacSHA384";
                this.hashLength = 48;
            }
            default -> throw new IllegalArgumentException("unsupported hkdf hash " + hashName);
        }
        this.hashName = hashName;
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
        // RFC 5869 §2.2: "if not provided, [salt] is set to a string of HashLen zeros"
        byte[] s = salt == null || salt.length == 0 ? new byte[hashLength] : salt;
        return hmac(s, ikm);
    }

    @Override
    public byte[] expand(byte[] prk, byte[] info, int length) {
        // RFC 5869 §2.3: L <= 255*HashLen
        if (length < 0 || length > 255 * hashLength) {
            throw new IllegalArgumentException("hkdf output length out of range: " + length);
        }
        Mac mac = newMac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            if (info != null) {
                mac.update(info);
            }
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
        return newMac(key).doFinal(data);
    }

    @Override
    public byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    @Override
    public TranscriptHash newTranscriptHash() {
        return new JcaTranscriptHash(newDigest());
    }

    private Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(macName);
            // An empty HMAC key is legal (RFC 2104) but SecretKeySpec refuses it; HMAC pads keys
            // with zeros to the block size, so one zero byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, macName));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("jdk lacks " + macName, e);
        }
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(hashName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("jdk lacks " + hashName, e);
        }
    }
}
