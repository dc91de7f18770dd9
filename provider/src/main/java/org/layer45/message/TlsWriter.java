package org.layer45.message;

import java.util.Arrays;

/**
 * A growable buffer for encoding TLS structures. Length prefixes are written as placeholders and
 * patched once the body is known: {@code w.lengthPrefixed16(ext -> ext.u16(...))}.
 */
public final class TlsWriter {
    /** Body of a length-prefixed vector. */
    @FunctionalInterface
    public interface Body {
        void write(TlsWriter w);
    }

    private byte[] buf;
    private int size;

    public TlsWriter() {
        this(256);
    }

    public TlsWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public int size() {
        return size;
    }

    public TlsWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter u24(int v) {
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter u32(long v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public TlsWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public TlsWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public TlsWriter opaque8(byte[] b) {
        checkLength(b.length, 0xFF);
        return u8(b.length).bytes(b);
    }

    public TlsWriter opaque16(byte[] b) {
        checkLength(b.length, 0xFFFF);
        return u16(b.length).bytes(b);
    }

    public TlsWriter opaque24(byte[] b) {
        checkLength(b.length, 0xFFFFFF);
        return u24(b.length).bytes(b);
    }

    public TlsWriter lengthPrefixed8(Body body) {
        return lengthPrefixed(1, 0xFF, body);
    }

    public TlsWriter lengthPrefixed16(Body body) {
        return lengthPrefixed(2, 0xFFFF, body);
    }

    public TlsWriter lengthPrefixed24(Body body) {
        return lengthPrefixed(3, 0xFFFFFF, body);
    }

    private TlsWriter lengthPrefixed(int prefixBytes, int max, Body body) {
        ensure(prefixBytes);
        int at = size;
        size += prefixBytes;
        body.write(this);
        int len = size - at - prefixBytes;
        checkLength(len, max);
        for (int i = prefixBytes - 1; i >= 0; i--) {
            buf[at + i] = (byte) (len >>> (8 * (prefixBytes - 1 - i)));
        }
        return this;
    }

    private static void checkLength(int len, int max) {
        if (len > max) {
            throw new IllegalArgumentException("vector of " + len + " bytes exceeds its maximum " + max);
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
