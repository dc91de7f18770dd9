package org.layer45.record;

/** Size limits of TLS records (RFC 8446 §5.1, §5.2; RFC 5246 §6.2.3 for TLS 1.2). */
public final class RecordLimits {
    /** content type (1) + legacy_record_version (2) + length (2) (RFC 8446 §5.1). */
    public static final int HEADER_LENGTH = 5;
    /** TLSPlaintext.length and TLSInnerPlaintext content: at most 2^14 (RFC 8446 §5.1, §5.4). */
    public static final int MAX_PLAINTEXT = 1 << 14;
    /** TLSCiphertext.length: at most 2^14 + 256 (RFC 8446 §5.2). */
    public static final int MAX_CIPHERTEXT_13 = (1 << 14) + 256;
    /** TLSCiphertext.length in TLS 1.2: at most 2^14 + 2048 (RFC 5246 §6.2.3). */
    public static final int MAX_CIPHERTEXT_12 = (1 << 14) + 2048;
    /** The largest TLS 1.3 record on the wire: header + {@link #MAX_CIPHERTEXT_13}. */
    public static final int MAX_RECORD_13 = HEADER_LENGTH + MAX_CIPHERTEXT_13;

    private RecordLimits() {
    }
}
