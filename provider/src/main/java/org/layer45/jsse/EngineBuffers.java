package org.layer45.jsse;

import java.nio.ByteBuffer;

/** Buffer-array helpers for the gathering wrap and scattering unwrap of {@link Engine}. */
final class EngineBuffers {
    private EngineBuffers() {
    }

    /** SSLEngine.wrap argument checks (its javadoc's exceptions). */
    static void checkWrapArgs(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        checkArray(srcs, offset, length);
        if (dst == null) {
            throw new IllegalArgumentException("dst is null");
        }
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
    }

    /** SSLEngine.unwrap argument checks. */
    static void checkUnwrapArgs(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        if (src == null) {
            throw new IllegalArgumentException("src is null");
        }
        checkArray(dsts, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i].isReadOnly()) {
                throw new java.nio.ReadOnlyBufferException();
            }
        }
    }

    static void checkArray(ByteBuffer[] bufs, int offset, int length) {
        if (bufs == null) {
            throw new IllegalArgumentException("buffer array is null");
        }
        if (offset < 0 || length < 0 || offset > bufs.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + bufs.length);
        }
        for (int i = offset; i < offset + length; i++) {
            if (bufs[i] == null) {
                throw new IllegalArgumentException("buffer " + i + " is null");
            }
        }
    }

    static long remaining(ByteBuffer[] bufs, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += bufs[i].remaining();
        }
        return n;
    }

    /** The first buffer with at least {@code need} bytes of room, or null (then we decrypt into scratch). */
    static ByteBuffer firstWithRoom(ByteBuffer[] bufs, int offset, int length, int need) {
        for (int i = offset; i < offset + length; i++) {
            if (bufs[i].hasRemaining()) {
                return bufs[i].remaining() >= need ? bufs[i] : null;
            }
        }
        return null;
    }

    /** Copies all of {@code from} across {@code bufs}, filling each in order (the caller checked the room). */
    static void scatter(ByteBuffer from, ByteBuffer[] bufs, int offset, int length) {
        for (int i = offset; i < offset + length && from.hasRemaining(); i++) {
            ByteBuffer to = bufs[i];
            int n = Math.min(to.remaining(), from.remaining());
            ByteBuffer part = from.slice();
            part.limit(n);
            to.put(part);
            from.position(from.position() + n);
        }
        if (from.hasRemaining()) {
            throw new IllegalStateException("destination buffers too small");
        }
    }
}
