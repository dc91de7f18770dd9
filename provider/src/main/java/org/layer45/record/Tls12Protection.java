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
 * TLS 1.2 AEAD record protection for one direction (RFC 5246 §6.2.3.3). The record keeps its real
 * content type; the AAD is seq_num(8) ‖ type ‖ version(0x0303) ‖ plaintext length. The nonce is:
 * <ul>
 * <li>AES-GCM (RFC 5288 §3): salt(4, the write IV) ‖ nonce_explicit(8); we send the sequence number
 * as nonce_explicit (never repeats under one key) and the body is nonce_explicit ‖ ciphertext ‖ tag;</li>
 * <li>ChaCha20-Poly1305 (RFC 7905 §2): the 12-byte write IV XOR the left-padded sequence number;
 * no explicit nonce.</li>
 * </ul>
 * Nonce and AAD arrays are reused per record; the sequence number is the only mutable state.
 */
final class Tls12Protection extends RecordProtection {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;
    private static final int AAD_LENGTH = 13;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private final Aead aead;
    /**
     * ChaCha20-Poly1305: the last 8 bytes of the 12-byte write IV, big-endian, into which the
     * sequence number is XORed; AES-GCM: 0 (its nonce_explicit is the sequence number itself). The
     * first 4 IV bytes (the GCM salt) never change and live only in {@link #nonce}: no IV array is
     * kept beside the nonce on a connection that is mostly idle.
     */
    private final long ivLow;
    /** 8 for AES-GCM (the explicit nonce), 0 for ChaCha20-Poly1305. */
    private final int explicitNonce;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[AAD_LENGTH];
    private long sequence;

    Tls12Protection(Aead aead, byte[] iv) {
        boolean chacha = aead.algorithm() == AeadAlgorithm.CHACHA20_POLY1305;
        int ivLength = chacha ? AeadAlgorithm.NONCE_LENGTH : 4;
        if (iv.length != ivLength) {
            throw new IllegalArgumentException("TLS 1.2 " + aead.algorithm() + " iv must be " + ivLength + " bytes");
        }
        this.aead = aead;
        System.arraycopy(iv, 0, nonce, 0, 4);
        this.ivLow = chacha ? (long) BIG_ENDIAN_LONG.get(iv, 4) : 0;
        this.explicitNonce = chacha ? 0 : 8;
    }

    @Override
    public int seal(int contentType, ByteBuffer plaintext, ByteBuffer dst, int padding) throws TlsFailure {
        if (padding != 0) {
            throw new IllegalArgumentException("TLS 1.2 records cannot be padded");
        }
        int n = Math.min(plaintext.remaining(), RecordLimits.MAX_PLAINTEXT);
        int bodyLength = explicitNonce + n + TAG;
        if (dst.remaining() < RecordLimits.HEADER_LENGTH + bodyLength) {
            throw new IllegalStateException("dst too small: need " + (RecordLimits.HEADER_LENGTH + bodyLength));
        }
        prepare(contentType, n);
        putHeader(dst, dst.position(), contentType, bodyLength);
        dst.position(dst.position() + RecordLimits.HEADER_LENGTH);
        if (explicitNonce > 0) {
            dst.put(nonce, 4, 8);
        }
        int limit = plaintext.limit();
        plaintext.limit(plaintext.position() + n);
        ByteBuffer in = plaintext.slice();
        plaintext.position(plaintext.limit());
        plaintext.limit(limit);
        aead.seal(nonce, aad, in, dst);
        sequence++;
        return RecordLimits.HEADER_LENGTH + bodyLength;
    }

    @Override
    public int maxRecordSize(int plaintextLength, int padding) {
        return RecordLimits.HEADER_LENGTH + explicitNonce + Math.min(plaintextLength, RecordLimits.MAX_PLAINTEXT)
                + TAG;
    }

    @Override
    public int open(ByteBuffer src, ByteBuffer dst) throws TlsFailure {
        int length = requireRecord(src);
        int p = src.position();
        int type = src.get(p) & 0xFF;
        if (length > RecordLimits.MAX_CIPHERTEXT_12) {
            // RFC 5246 §6.2.3: length MUST NOT exceed 2^14 + 2048 → record_overflow.
            throw new TlsFailure(AlertDescription.RECORD_OVERFLOW, Reason.RECORD_TOO_LARGE,
                    "record length " + length + " exceeds 2^14 + 2048");
        }
        int plainLength = length - explicitNonce - TAG;
        if (plainLength < 0) {
            throw new TlsFailure(AlertDescription.BAD_RECORD_MAC, Reason.BAD_RECORD_MAC,
                    "protected record too short (" + length + " bytes)");
        }
        if (plainLength > RecordLimits.MAX_PLAINTEXT) {
            // RFC 5246 §6.2.3: decrypted length over 2^14 → record_overflow.
            throw new TlsFailure(AlertDescription.RECORD_OVERFLOW, Reason.RECORD_TOO_LARGE,
                    "plaintext length " + plainLength + " exceeds 2^14");
        }
        if (dst.remaining() < maxPlaintextFor(length)) {
            throw new IllegalStateException("dst too small: need " + maxPlaintextFor(length));
        }
        prepare(type, plainLength);
        int body = p + RecordLimits.HEADER_LENGTH;
        for (int i = 0; i < explicitNonce; i++) {
            nonce[4 + i] = src.get(body + i);
        }
        int dstStart = dst.position();
        int end = body + length;
        int srcLimit = src.limit();
        src.limit(end);
        src.position(body + explicitNonce);
        try {
            aead.open(nonce, aad, src, dst);
        } catch (TlsFailure e) {
            dst.position(dstStart);
            throw e;
        } finally {
            src.limit(srcLimit);
            src.position(end);
        }
        sequence++;
        if (plainLength == 0 && type != ContentType.APPLICATION_DATA) {
            // RFC 5246 §6.2.1: no zero-length fragments of Handshake, Alert or ChangeCipherSpec.
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.EMPTY_RECORD,
                    "zero-length protected " + ContentType.name(type) + " record");
        }
        return type;
    }

    /** Fills the nonce and the AAD for the record with the current sequence number. */
    private void prepare(int type, int plainLength) throws TlsFailure {
        if (sequence == -1L) {
            // RFC 5246 §6.1: "Sequence numbers ... MUST NOT wrap"; renegotiation is refused, so stop.
            throw new TlsFailure(AlertDescription.INTERNAL_ERROR, Reason.KEY_USAGE_LIMIT,
                    "record sequence number exhausted");
        }
        BIG_ENDIAN_LONG.set(aad, 0, sequence);
        aad[8] = (byte) type;
        aad[9] = 3;
        aad[10] = 3;
        aad[11] = (byte) (plainLength >>> 8);
        aad[12] = (byte) plainLength;
        // RFC 5288 §3: nonce = salt ‖ nonce_explicit, nonce_explicit = the sequence number (ivLow is 0);
        // RFC 7905 §2: nonce = IV XOR (0^32 ‖ seq_num). The first 4 bytes are fixed since construction.
        BIG_ENDIAN_LONG.set(nonce, 4, ivLow ^ sequence);
    }

    @Override
    public boolean needsKeyUpdate() {
        return false; // TLS 1.2 has no KeyUpdate; the sequence check in prepare() is the limit.
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
}
