package org.layer45.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.layer45.crypto.Aead;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;

/**
 * TLS 1.3 record protection for one direction and one traffic key (RFC 8446 §5.2–§5.5).
 * TLSCiphertext: outer type application_data, legacy_record_version 0x0303, body =
 * AEAD-Encrypt(key, iv XOR seq, header, content ‖ type ‖ zeros). The nonce and the AAD live in
 * fixed arrays reused for every record; the sequence number is the only mutable state.
 */
final class Tls13Protection extends RecordProtection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private final Aead aead;
    /**
     * The last 8 bytes of the 12-byte write IV (RFC 8446 §7.3), big-endian: the sequence number is
     * XORed into them (§5.3). The first 4 never change and live only in {@link #nonce}, so no IV
     * array is kept beside the nonce on a connection that is mostly idle.
     */
    private final long ivLow;
    private final long keyUpdateThreshold;
    /** iv XOR seq for the current record (RFC 8446 §5.3); its last 8 bytes are rewritten per record. */
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    /** The additional data: the 5-byte record header (RFC 8446 §5.2); rewritten in place. */
    private final byte[] aad = new byte[RecordLimits.HEADER_LENGTH];
    /** The 64-bit sequence number, unsigned (RFC 8446 §5.3). */
    private long sequence;

    Tls13Protection(Aead aead, byte[] iv, long keyUpdateThreshold) {
        if (iv.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("TLS 1.3 iv must be 12 bytes, got " + iv.length);
        }
        if (keyUpdateThreshold <= 0) {
            throw new IllegalArgumentException("key update threshold must be positive");
        }
        this.aead = aead;
        System.arraycopy(iv, 0, nonce, 0, 4);
        this.ivLow = (long) BIG_ENDIAN_LONG.get(iv, 4);
        this.keyUpdateThreshold = keyUpdateThreshold;
    }

    @Override
    public int seal(int contentType, ByteBuffer plaintext, ByteBuffer dst, int padding) throws TlsFailure {
        checkPadding(padding);
        // RFC 8446 §5.4: TLSInnerPlaintext (content + type + padding) MUST NOT exceed 2^14 + 1.
        int n = Math.min(plaintext.remaining(), RecordLimits.MAX_PLAINTEXT - padding);
        int innerLength = n + 1 + padding;
        int bodyLength = innerLength + TAG;
        if (dst.remaining() < RecordLimits.HEADER_LENGTH + bodyLength) {
            throw new IllegalStateException("dst too small: need " + (RecordLimits.HEADER_LENGTH + bodyLength));
        }
        prepareNonce();
        // RFC 8446 §5.2: opaque_type = application_data, legacy_record_version = 0x0303.
        writeAad(ContentType.APPLICATION_DATA, bodyLength);
        int innerStart = dst.position() + RecordLimits.HEADER_LENGTH;
        dst.put(aad);
        int limit = plaintext.limit();
        plaintext.limit(plaintext.position() + n);
        dst.put(plaintext);
        plaintext.limit(limit);
        dst.put((byte) contentType);
        for (int i = 0; i < padding; i++) {
            dst.put((byte) 0);
        }
        // Encrypt the inner plaintext in place: a second view of dst over [innerStart, +innerLength).
        ByteBuffer inner = dst.duplicate();
        inner.limit(innerStart + innerLength);
        inner.position(innerStart);
        dst.position(innerStart);
        int written = aead.seal(nonce, aad, inner, dst);
        sequence++;
        return RecordLimits.HEADER_LENGTH + written;
    }

    @Override
    public int maxRecordSize(int plaintextLength, int padding) {
        checkPadding(padding);
        int n = Math.min(plaintextLength, RecordLimits.MAX_PLAINTEXT - padding);
        return RecordLimits.HEADER_LENGTH + n + 1 + padding + TAG;
    }

    @Override
    public int open(ByteBuffer src, ByteBuffer dst) throws TlsFailure {
        int length = requireRecord(src);
        int p = src.position();
        int outerType = src.get(p) & 0xFF;
        if (outerType != ContentType.APPLICATION_DATA) {
            // RFC 8446 §5.2: "opaque_type: The outer opaque_type field of a TLSCiphertext record
            // is always set to the value 23 (application_data)".
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.UNEXPECTED_RECORD,
                    "protected record with outer type " + ContentType.name(outerType));
        }
        if (length > RecordLimits.MAX_CIPHERTEXT_13) {
            // RFC 8446 §5.2: length over 2^14 + 256 → "record_overflow".
            throw new TlsFailure(AlertDescription.RECORD_OVERFLOW, Reason.RECORD_TOO_LARGE,
                    "record length " + length + " exceeds 2^14 + 256");
        }
        if (length < TAG + 1) {
            // Too short to hold a tag and a content type: cannot authenticate.
            throw new TlsFailure(AlertDescription.BAD_RECORD_MAC, Reason.BAD_RECORD_MAC,
                    "protected record too short (" + length + " bytes)");
        }
        if (dst.remaining() < maxPlaintextFor(length)) {
            throw new IllegalStateException("dst too small: need " + maxPlaintextFor(length));
        }
        prepareNonce();
        for (int i = 0; i < RecordLimits.HEADER_LENGTH; i++) {
            aad[i] = src.get(p + i);
        }
        int dstStart = dst.position();
        int end = p + RecordLimits.HEADER_LENGTH + length;
        int srcLimit = src.limit();
        int innerLength;
        src.limit(end);
        src.position(p + RecordLimits.HEADER_LENGTH);
        try {
            innerLength = aead.open(nonce, aad, src, dst);
        } catch (TlsFailure e) {
            dst.position(dstStart);
            throw e;
        } finally {
            src.limit(srcLimit);
            src.position(end);
        }
        sequence++;
        return unpadInner(dst, dstStart, innerLength);
    }

    /**
     * Strips the zero padding and reads the inner content type (RFC 8446 §5.4); positions
     * {@code dst} after the content. On failure restores {@code dst.position()} to the start.
     */
    private static int unpadInner(ByteBuffer dst, int start, int innerLength) throws TlsFailure {
        if (innerLength > RecordLimits.MAX_PLAINTEXT + 1) {
            dst.position(start);
            // RFC 8446 §5.4: "the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets".
            throw new TlsFailure(AlertDescription.RECORD_OVERFLOW, Reason.RECORD_TOO_LARGE,
                    "inner plaintext length " + innerLength + " exceeds 2^14 + 1");
        }
        int i = start + innerLength - 1;
        while (i >= start && dst.get(i) == 0) {
            i--;
        }
        if (i < start) {
            dst.position(start);
            // RFC 8446 §5.4: no non-zero octet → "unexpected_message".
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.INVALID_PADDING,
                    "protected record has no content type");
        }
        int type = dst.get(i) & 0xFF;
        int contentLength = i - start;
        if (type != ContentType.HANDSHAKE && type != ContentType.ALERT && type != ContentType.APPLICATION_DATA) {
            dst.position(start);
            // RFC 8446 §5: a protected change_cipher_spec or an unknown type → "unexpected_message".
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.UNKNOWN_CONTENT_TYPE,
                    "protected record of content type " + ContentType.name(type));
        }
        if (contentLength == 0 && type != ContentType.APPLICATION_DATA) {
            dst.position(start);
            // RFC 8446 §5.4: zero-length Handshake/Alert content → "unexpected_message".
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.EMPTY_RECORD,
                    "zero-length protected " + ContentType.name(type) + " record");
        }
        dst.position(start + contentLength);
        return type;
    }

    /** nonce = iv XOR seq, seq left-padded to 12 bytes (RFC 8446 §5.3); fails before wrapping. */
    private void prepareNonce() throws TlsFailure {
        if (sequence == -1L) {
            // RFC 8446 §5.3: "If a sequence number would need to wrap, the implementation MUST
            // either rekey (Section 4.6.3) or terminate the connection."
            throw new TlsFailure(AlertDescription.INTERNAL_ERROR, Reason.KEY_USAGE_LIMIT,
                    "record sequence number exhausted");
        }
        BIG_ENDIAN_LONG.set(nonce, 4, ivLow ^ sequence);
    }

    private void writeAad(int type, int length) {
        aad[0] = (byte) type;
        aad[1] = 3;
        aad[2] = 3;
        aad[3] = (byte) (length >>> 8);
        aad[4] = (byte) length;
    }

    @Override
    public boolean needsKeyUpdate() {
        // Unsigned compare: the sequence number counts records sealed under this key.
        return Long.compareUnsigned(sequence, keyUpdateThreshold) >= 0;
    }

    @Override
    public long sequenceNumber() {
        return sequence;
    }

    @Override
    public AeadAlgorithm algorithm() {
        return aead.algorithm();
    }

    @Override
    public void releaseState() {
        aead.releaseState();
    }

    /** Test hook: jump the sequence number (to test limits and wrap-around). */
    void setSequenceNumber(long sequence) {
        this.sequence = sequence;
    }
}
