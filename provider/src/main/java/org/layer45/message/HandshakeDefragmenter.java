package org.layer45.message;

import java.util.Arrays;
import java.util.Objects;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;

/**
 * Reassembles handshake messages from handshake record payloads (RFC 8446 §5.1): a message may span
 * several records, and one record may carry several messages. Each header's length is checked as soon
 * as its four bytes arrive, so an oversized message fails before its body is buffered. The buffer
 * grows only with the bytes actually received and shrinks back once drained.
 */
public final class HandshakeDefragmenter {
    /** The largest body accepted (128 KiB; a certificate chain is the largest real message). */
    public static final int MAX_MESSAGE_LENGTH = 1 << 17;

    private static final byte[] NONE = new byte[0];

    private byte[] buf = NONE;
    private int start;
    private int end;

    /** Appends a record payload. Fails with illegal_parameter if a message header announces too large a body. */
    public void add(byte[] src, int off, int len) throws TlsFailure {
        Objects.checkFromIndexSize(off, len, src.length);
        if (start == end) {
            start = 0;
            end = 0;
        }
        ensure(len);
        System.arraycopy(src, off, buf, end, len);
        end += len;
        checkHeaders();
    }

    /** Appends a whole record payload. */
    public void add(byte[] src) throws TlsFailure {
        add(src, 0, src.length);
    }

    /** The next complete message, or null if none is complete yet. */
    public RawHandshake next() throws TlsFailure {
        int available = end - start;
        if (available < RawHandshake.HEADER_LENGTH) {
            return null;
        }
        int length = bodyLength(start);
        int total = RawHandshake.HEADER_LENGTH + length;
        if (available < total) {
            return null;
        }
        int type = buf[start] & 0xFF;
        byte[] encoded = Arrays.copyOfRange(buf, start, start + total);
        byte[] body = Arrays.copyOfRange(encoded, RawHandshake.HEADER_LENGTH, total);
        start += total;
        if (start == end) {
            // Drained: drop the buffer so idle connections stay small (DESIGN §6).
            buf = NONE;
            start = 0;
            end = 0;
        }
        return new RawHandshake(type, body, encoded);
    }

    /** Whether no bytes of an incomplete (or unread) message are buffered (RFC 8446 §5.1 key-change rule). */
    public boolean isEmpty() {
        return start == end;
    }

    /** Number of buffered bytes not yet returned by {@link #next()}. */
    public int buffered() {
        return end - start;
    }

    /** Validates the header of every buffered message whose header is complete. */
    private void checkHeaders() throws TlsFailure {
        int at = start;
        while (end - at >= RawHandshake.HEADER_LENGTH) {
            at += RawHandshake.HEADER_LENGTH + bodyLength(at);
        }
    }

    private int bodyLength(int at) throws TlsFailure {
        int length = ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
        if (length > MAX_MESSAGE_LENGTH) {
            throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.MESSAGE_TOO_LARGE,
                    "handshake message of " + length + " bytes exceeds " + MAX_MESSAGE_LENGTH);
        }
        return length;
    }

    private void ensure(int extra) {
        if (buf.length - end >= extra) {
            return;
        }
        int live = end - start;
        if (start > 0 && buf.length - live >= extra) {
            System.arraycopy(buf, start, buf, 0, live);
        } else {
            int grown = Math.max(live + extra, Math.min(2 * buf.length, RawHandshake.HEADER_LENGTH + MAX_MESSAGE_LENGTH + extra));
            buf = Arrays.copyOfRange(buf, start, start + grown);
        }
        end = live;
        start = 0;
    }
}
