package org.layer45.crypto.jca;

import java.security.MessageDigest;

import org.layer45.crypto.TranscriptHash;

/**
 * A running handshake transcript hash (RFC 8446 §4.4.1) over a JDK {@link MessageDigest}; the
 * current value is read from a clone so hashing can continue.
 */
final class JcaTranscriptHash implements TranscriptHash {
    private final MessageDigest digest;

    JcaTranscriptHash(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        digest.update(data, offset, length);
    }

    @Override
    public byte[] current() {
        return cloneDigest().digest();
    }

    @Override
    public TranscriptHash copy() {
        return new JcaTranscriptHash(cloneDigest());
    }

    @Override
    public int length() {
        return digest.getDigestLength();
    }

    private MessageDigest cloneDigest() {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's SHA-2 digests are cloneable; another provider's might not be.
            throw new IllegalStateException("digest " + digest.getAlgorithm() + " is not cloneable", e);
        }
    }
}
