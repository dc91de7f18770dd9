package org.layer45.record;

import java.nio.ByteBuffer;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;

/**
 * The initial, unprotected epoch (RFC 8446 §5.1 TLSPlaintext). Stateless. {@link #open} returns
 * the outer content type as received; the connection decides which types it accepts (for example
 * it skips application_data from rejected 0-RTT after a HelloRetryRequest, RFC 8446 §4.2.10).
 */
final class PlaintextProtection extends RecordProtection {
    static final PlaintextProtection INSTANCE = new PlaintextProtection();

    private PlaintextProtection() {
    }

    @Override
    public int seal(int contentType, ByteBuffer plaintext, ByteBuffer dst, int padding) {
        if (padding != 0) {
            throw new IllegalArgumentException("plaintext records cannot be padded");
        }
        int n = Math.min(plaintext.remaining(), RecordLimits.MAX_PLAINTEXT);
        int total = RecordLimits.HEADER_LENGTH + n;
        if (dst.remaining() < total) {
            throw new IllegalStateException("dst too small: need " + total);
        }
        putHeader(dst, dst.position(), contentType, n);
        dst.position(dst.position() + RecordLimits.HEADER_LENGTH);
        int limit = plaintext.limit();
        plaintext.limit(plaintext.position() + n);
        dst.put(plaintext);
        plaintext.limit(limit);
        return total;
    }

    @Override
    public int maxRecordSize(int plaintextLength, int padding) {
        return RecordLimits.HEADER_LENGTH + Math.min(plaintextLength, RecordLimits.MAX_PLAINTEXT);
    }

    @Override
    public int open(ByteBuffer src, ByteBuffer dst) throws TlsFailure {
        int length = requireRecord(src);
        int type = RecordReader.contentType(src);
        if (length > RecordLimits.MAX_PLAINTEXT) {
            // RFC 8446 §5.1: TLSPlaintext.length over 2^14 → "record_overflow".
            throw new TlsFailure(AlertDescription.RECORD_OVERFLOW, Reason.RECORD_TOO_LARGE,
                    "plaintext record length " + length + " exceeds 2^14");
        }
        if (length == 0 && (type == ContentType.HANDSHAKE || type == ContentType.ALERT)) {
            // RFC 8446 §5.4: zero-length Handshake/Alert → "unexpected_message".
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.EMPTY_RECORD,
                    "zero-length " + ContentType.name(type) + " record");
        }
        if (dst.remaining() < length) {
            throw new IllegalStateException("dst too small: need " + length);
        }
        int start = src.position() + RecordLimits.HEADER_LENGTH;
        int limit = src.limit();
        src.limit(start + length);
        src.position(start);
        dst.put(src);
        src.limit(limit);
        return type;
    }

    @Override
    public boolean needsKeyUpdate() {
        return false;
    }

    @Override
    public long sequenceNumber() {
        return 0;
    }

    @Override
    public AeadAlgorithm algorithm() {
        return null;
    }
}
