package org.layer45.connection;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

import org.layer45.error.TlsFailure;

/** Test-only blocking driver: runs a sans-I/O {@link Connection} over a socket (one thread). */
final class SocketDriver {
    private final Connection c;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer inbound = ByteBuffer.allocate(1 << 18).flip();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    SocketDriver(Connection c, Socket socket) throws IOException {
        this.c = c;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void flush() throws IOException, TlsFailure {
        while (c.hasPendingOutput()) {
            ByteBuffer b = ByteBuffer.allocate(1 << 17);
            c.drainPendingOutput(b);
            out.write(b.array(), 0, b.position());
        }
        out.flush();
    }

    /** Reads once from the socket and processes every complete record; false at end of stream. */
    boolean readSome() throws IOException, TlsFailure {
        byte[] buf = new byte[1 << 16];
        int n = in.read(buf);
        if (n < 0) {
            return false;
        }
        inbound.compact().put(buf, 0, n).flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        int len;
        while ((len = c.nextRecordLength(inbound)) >= 0 && len <= inbound.remaining()) {
            app.clear();
            try {
                c.processRecord(inbound, app);
            } finally {
                flushQuietly();
            }
            received.write(app.array(), 0, app.position());
        }
        return true;
    }

    private void flushQuietly() throws IOException {
        try {
            flush();
        } catch (TlsFailure alreadyFailed) {
            // the connection failed; its alert (if any) was already written by flush() or is lost
        }
    }

    void handshake() throws IOException, TlsFailure {
        flush();
        while (!c.isHandshakeComplete()) {
            if (!readSome()) {
                throw new EOFException("peer closed during the handshake");
            }
            flush();
        }
    }

    void write(byte[] data) throws IOException, TlsFailure {
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            ByteBuffer net = ByteBuffer.allocate(c.maxSealedRecordSize() + (1 << 16));
            c.sealApplicationData(new ByteBuffer[] {src}, 0, 1, net);
            out.write(net.array(), 0, net.position());
        }
        out.flush();
    }

    /** Reads until the peer closes (close_notify or end of stream); returns all application data. */
    byte[] readToEnd() throws IOException, TlsFailure {
        while (!c.isInboundClosed() && readSome()) {
            flush();
        }
        return received.toByteArray();
    }

    /** Reads until at least {@code n} application bytes arrived. */
    byte[] readAtLeast(int n) throws IOException, TlsFailure {
        while (received.size() < n) {
            if (!readSome()) {
                throw new EOFException("peer closed after " + received.size() + " bytes");
            }
        }
        return received.toByteArray();
    }
}
