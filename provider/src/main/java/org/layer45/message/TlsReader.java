package org.layer45.message;

import java.util.Arrays;

import org.layer45.error.TlsFailure;

/**
 * A bounds-checked cursor over received bytes, for decoding TLS presentation-language structures
 * (RFC 8446 §3). Every read past the end, and every length prefix that overruns its enclosing
 * structure, fails with {@code decode_error} — never an unchecked exception.
 */
public final class TlsReader {
    private final byte[] data;
    private int position;
    private final int limit;

    public TlsReader(byte[] data) {
        this(data, 0, data.length);
    }

    public TlsReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("bad bounds");
        }
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    /** Position in the underlying array; with {@link #array()} lets callers keep raw bytes. */
    public int position() {
        return position;
    }

    public byte[] array() {
        return data;
    }

    private void need(int n, String what) throws TlsFailure {
        if (n < 0 || n > limit - position) {
            throw TlsFailure.decodeError("truncated " + what + ": need " + n + " bytes, have " + (limit - position));
        }
    }

    public int u8(String what) throws TlsFailure {
        need(1, what);
        return data[position++] & 0xFF;
    }

    public int u16(String what) throws TlsFailure {
        need(2, what);
        int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    public int u24(String what) throws TlsFailure {
        need(3, what);
        int v = ((data[position] & 0xFF) << 16) | ((data[position + 1] & 0xFF) << 8) | (data[position + 2] & 0xFF);
        position += 3;
        return v;
    }

    public long u32(String what) throws TlsFailure {
        need(4, what);
        long v = ((long) (data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
                | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    /** Exactly {@code n} bytes, copied. */
    public byte[] bytes(int n, String what) throws TlsFailure {
        need(n, what);
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** {@code opaque x<0..2^8-1>}. */
    public byte[] opaque8(String what) throws TlsFailure {
        return bytes(u8(what + " length"), what);
    }

    /** {@code opaque x<0..2^16-1>}. */
    public byte[] opaque16(String what) throws TlsFailure {
        return bytes(u16(what + " length"), what);
    }

    /** {@code opaque x<0..2^24-1>}. */
    public byte[] opaque24(String what) throws TlsFailure {
        return bytes(u24(what + " length"), what);
    }

    /** A bounded sub-reader over the next {@code n} bytes; this reader skips past them. */
    public TlsReader sub(int n, String what) throws TlsFailure {
        need(n, what);
        TlsReader r = new TlsReader(data, position, n);
        position += n;
        return r;
    }

    /** A sub-reader over a vector with a one-byte length prefix. */
    public TlsReader sub8(String what) throws TlsFailure {
        return sub(u8(what + " length"), what);
    }

    /** A sub-reader over a vector with a two-byte length prefix. */
    public TlsReader sub16(String what) throws TlsFailure {
        return sub(u16(what + " length"), what);
    }

    /** A sub-reader over a vector with a three-byte length prefix. */
    public TlsReader sub24(String what) throws TlsFailure {
        return sub(u24(what + " length"), what);
    }

    /** Fails with decode_error unless every byte was consumed. */
    public void expectEnd(String what) throws TlsFailure {
        if (position != limit) {
            throw TlsFailure.decodeError(what + " has " + (limit - position) + " trailing bytes");
        }
    }
}
