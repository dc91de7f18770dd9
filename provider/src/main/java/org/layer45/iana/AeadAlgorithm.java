package org.layer45.iana;

/** The AEAD algorithms of our suites, with their key lengths (RFC 5116, RFC 8439). */
public enum AeadAlgorithm {
    AES_128_GCM(16),
    AES_256_GCM(32),
    CHACHA20_POLY1305(32);

    /** Tag length, the same for all three (RFC 5116 §5.1, RFC 8439 §2.8). */
    public static final int TAG_LENGTH = 16;
    /** Nonce length, the same for all three (RFC 8446 §5.3 "iv_length"). */
    public static final int NONCE_LENGTH = 12;

    private final int keyLength;

    AeadAlgorithm(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }
}
