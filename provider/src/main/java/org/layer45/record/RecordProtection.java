package org.layer45.record;

import java.nio.ByteBuffer;

import org.layer45.crypto.Aead;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;

/**
 * The protection of one direction of a connection (RFC 8446 §5.2): either none (the initial
 * plaintext epoch) or TLS 1.3 AEAD protection with one traffic key. Immutable except for the
 * sequence number (§5.3); a key change means a new instance.
 *
 * <p>Outbound, {@link #seal} writes one whole record (header and body) into the caller's buffer;
 * inbound, {@link #open} verifies and decrypts one complete record (framed by
 * {@link RecordReader#recordLength}) into the caller's buffer, which may be the application's own
 * buffer or the same memory as the record (in place). Plaintext never becomes visible before the
 * tag has verified.
 */
public abstract sealed class RecordProtection permits PlaintextProtection, Tls13Protection, Tls12Protection {

    /**
     * Sealed records after which {@link #needsKeyUpdate()} turns true: 2^24. RFC 8446 §5.5 allows
     * AES-GCM about 2^24.5 full-size records per key; ChaCha20-Poly1305 has no practical limit, the
     * same threshold keeps things simple.
     */
    public static final long DEFAULT_KEY_UPDATE_THRESHOLD = 1L << 24;

    RecordProtection() {
    }

    /** No protection: records are sent and received as TLSPlaintext (RFC 8446 §5.1). */
    public static RecordProtection plaintext() {
        return PlaintextProtection.INSTANCE;
    }

    /**
     * TLS 1.3 AEAD protection (RFC 8446 §5.2, §5.3) with {@code aead} and the 12-byte static
     * {@code iv}; the sequence number starts at 0.
     */
    public static RecordProtection tls13(Aead aead, byte[] iv) {
        return new Tls13Protection(aead, iv, DEFAULT_KEY_UPDATE_THRESHOLD);
    }

    /** As {@link #tls13(Aead, byte[])} with a custom usage threshold for {@link #needsKeyUpdate()}. */
    public static RecordProtection tls13(Aead aead, byte[] iv, long keyUpdateThreshold) {
        return new Tls13Protection(aead, iv, keyUpdateThreshold);
    }

    /**
     * TLS 1.2 AEAD protection (RFC 5288 §3, RFC 7905 §2) with {@code aead} and the write IV from the
     * key block: 4 bytes (salt) for AES-GCM, 12 bytes for ChaCha20-Poly1305. Sequence starts at 0.
     */
    public static RecordProtection tls12(Aead aead, byte[] iv) {
        return new Tls12Protection(aead, iv);
    }

    /**
     * The room {@link #open} needs in {@code dst} for a record with this body length: the whole
     * body (decryption may scribble up to that many bytes before padding is stripped).
     */
    public static int maxPlaintextFor(int recordBodyLength) {
        return recordBodyLength;
    }

    /**
     * Writes one record holding up to {@link RecordLimits#MAX_PLAINTEXT} {@code - padding} bytes
     * of {@code plaintext} (the caller fragments), header included, at {@code dst.position()}.
     * Both buffers advance. {@code dst} needs {@link #maxRecordSize} bytes remaining.
     *
     * @param contentType the (inner) content type
     * @param padding     zero bytes appended to the TLS 1.3 inner plaintext (RFC 8446 §5.4);
     *                    must be 0 for plaintext protection
     * @return bytes written to {@code dst}
     * @throws IllegalStateException if {@code dst} is too small
     * @throws TlsFailure            internal_error if the sequence number would wrap (RFC 8446 §5.3)
     */
    public abstract int seal(int contentType, ByteBuffer plaintext, ByteBuffer dst, int padding)
            throws TlsFailure;

    /** The size of the record {@link #seal} writes for {@code plaintextLength} bytes of content. */
    public abstract int maxRecordSize(int plaintextLength, int padding);

    /**
     * Consumes the complete record at {@code src.position()} and writes its content to
     * {@code dst} at {@code dst.position()}; {@code dst.position()} advances by exactly the content
     * length. {@code dst.remaining()} must be at least {@link #maxPlaintextFor} the body length.
     * On failure {@code dst.position()} is unchanged and nothing was decrypted into it.
     *
     * @return the content type (the inner type for TLS 1.3, the outer type for plaintext)
     * @throws IllegalStateException if the record is incomplete or {@code dst} too small
     * @throws TlsFailure            bad_record_mac, record_overflow, unexpected_message
     */
    public abstract int open(ByteBuffer src, ByteBuffer dst) throws TlsFailure;

    /** Whether this direction has sealed enough records that a KeyUpdate is due (RFC 8446 §5.5). */
    public abstract boolean needsKeyUpdate();

    /** The sequence number of the next record (RFC 8446 §5.3); 0 for plaintext. */
    public abstract long sequenceNumber();

    /** The AEAD algorithm, or null for plaintext. */
    public abstract AeadAlgorithm algorithm();

    /** Drops AEAD state the next record rebuilds (see {@link Aead#releaseState()}); nothing for plaintext. */
    public void releaseState() {
    }

    /** Writes a record header at {@code dst}'s absolute index {@code p}. */
    static void putHeader(ByteBuffer dst, int p, int type, int length) {
        dst.put(p, (byte) type);
        dst.put(p + 1, (byte) 3);
        dst.put(p + 2, (byte) 3);
        dst.put(p + 3, (byte) (length >>> 8));
        dst.put(p + 4, (byte) length);
    }

    static void checkPadding(int padding) {
        if (padding < 0 || padding > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("padding out of range: " + padding);
        }
    }

    /** Checks that a whole record with a valid header is present; returns its body length. */
    static int requireRecord(ByteBuffer src) {
        if (src.remaining() < RecordLimits.HEADER_LENGTH) {
            throw new IllegalStateException("incomplete record header");
        }
        int length = RecordReader.bodyLength(src);
        if (src.remaining() < RecordLimits.HEADER_LENGTH + length) {
            throw new IllegalStateException("incomplete record");
        }
        return length;
    }
}
