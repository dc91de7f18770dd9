package org.layer45.record;

import java.nio.ByteBuffer;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.ContentType;

/**
 * The deframer: finds record boundaries in received bytes and validates record headers
 * (RFC 8446 §5.1, §5.2) without consuming anything. The connection decides what to do with a
 * complete record ({@link RecordProtection#open}).
 */
public final class RecordReader {
    private RecordReader() {
    }

    /**
     * The total length (header + body) of the record at {@code in.position()}, or -1 if more bytes
     * are needed; never moves the buffer. TLS 1.3 limit {@link RecordLimits#MAX_CIPHERTEXT_13}.
     */
    public static int recordLength(ByteBuffer in) throws TlsFailure {
        return recordLength(in, RecordLimits.MAX_CIPHERTEXT_13);
    }

    /**
     * As {@link #recordLength(ByteBuffer)}, with a body limit of {@code maxBodyLength} (use
     * {@link RecordLimits#MAX_CIPHERTEXT_12} for TLS 1.2). Validates as soon as each header field
     * is available, so garbage is rejected after its first byte.
     */
    public static int recordLength(ByteBuffer in, int maxBodyLength) throws TlsFailure {
        int p = in.position();
        int available = in.remaining();
        if (available < 1) {
            return -1;
        }
        int type = in.get(p) & 0xFF;
        if (type < ContentType.CHANGE_CIPHER_SPEC || type > ContentType.APPLICATION_DATA) {
            // RFC 8446 §5: "If a TLS implementation receives an unexpected record type, it MUST
            // terminate the connection with an "unexpected_message" alert."
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.UNKNOWN_CONTENT_TYPE,
                    "record of unknown content type " + type);
        }
        if (available >= 2 && (in.get(p + 1) & 0xFF) != 3) {
            // legacy_record_version is ignored (RFC 8446 §5.1) but every TLS version has major 3:
            // anything else is not TLS at all.
            throw TlsFailure.decodeError("record version major byte is not 3");
        }
        if (available < RecordLimits.HEADER_LENGTH) {
            return -1;
        }
        int length = ((in.get(p + 3) & 0xFF) << 8) | (in.get(p + 4) & 0xFF);
        if (length > maxBodyLength) {
            // RFC 8446 §5.2: length over 2^14 + 256 → "record_overflow".
            throw new TlsFailure(AlertDescription.RECORD_OVERFLOW, Reason.RECORD_TOO_LARGE,
                    "record length " + length + " exceeds " + maxBodyLength);
        }
        if (length == 0 && (type == ContentType.HANDSHAKE || type == ContentType.ALERT)) {
            // RFC 8446 §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types";
            // §5.4: zero-length Handshake/Alert → "unexpected_message".
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.EMPTY_RECORD,
                    "zero-length " + ContentType.name(type) + " record");
        }
        int total = RecordLimits.HEADER_LENGTH + length;
        return available >= total ? total : -1;
    }

    /** The content type of the record at {@code record.position()} (header must be present). */
    public static int contentType(ByteBuffer record) {
        return record.get(record.position()) & 0xFF;
    }

    /** The body length of the record at {@code record.position()} (header must be present). */
    public static int bodyLength(ByteBuffer record) {
        int p = record.position();
        return ((record.get(p + 3) & 0xFF) << 8) | (record.get(p + 4) & 0xFF);
    }

    /**
     * Whether the complete record at {@code record.position()} is the compatibility-mode
     * change_cipher_spec: type 20, length 1, body 0x01 (RFC 8446 §5, Appendix D.4). The connection
     * drops it between ClientHello and Finished; any other CCS → unexpected_message.
     */
    public static boolean isCompatibilityCcs(ByteBuffer record) {
        int p = record.position();
        return record.remaining() >= RecordLimits.HEADER_LENGTH + 1
                && (record.get(p) & 0xFF) == ContentType.CHANGE_CIPHER_SPEC
                && bodyLength(record) == 1
                && record.get(p + RecordLimits.HEADER_LENGTH) == 1;
    }
}
