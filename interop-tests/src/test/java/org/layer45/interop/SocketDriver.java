package org.layer45.interop;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.Connection;
import org.layer45.handshake.SessionInfo;
import org.layer45.error.TlsFailure;

/**
 * Runs one sans-I/O {@link Connection} over a blocking loopback socket, the simplest possible
 * adapter: read a record, process it, flush what the connection wants to send. Enough to prove
 * the core against real peers before the JSSE layer exists; not production code.
 */
final class SocketDriver implements Closeable {
    private final Socket socket;
    private final Connection connection;
    private final InputStream in;
    private final OutputStream out;
    private ByteBuffer inbound = ByteBuffer.allocate(1 << 18).flip();
    private final ByteBuffer app = ByteBuffer.allocate(1 << 15);
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean eof;

    SocketDriver(Socket socket, Connection connection) throws IOException {
        this.socket = socket;
        this.connection = connection;
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Our client connects to 127.0.0.1:{@code port}, sends {@code request} once the handshake is done
     * and reads until the server closes; returns what it received (the session goes to {@code session}).
     */
    static String fetch(int port, Config config, java.util.concurrent.atomic.AtomicReference<SessionInfo> session,
            String request) throws IOException, TlsFailure {
        try (SocketDriver driver = new SocketDriver(new Socket(java.net.InetAddress.getLoopbackAddress(), port),
                new ClientConnection(config))) {
            driver.handshake();
            session.set(driver.connection().session());
            driver.write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return driver.readToEnd();
        }
    }

    /**
     * Processes records until {@code count} KeyUpdated events arrived, the peer closed, or time ran
     * out; returns the KeyUpdated events seen (other events are dropped).
     */
    java.util.List<org.layer45.connection.ConnectionEvent.KeyUpdated> awaitKeyUpdates(int count, long timeoutMillis)
            throws IOException, TlsFailure {
        java.util.List<org.layer45.connection.ConnectionEvent.KeyUpdated> out = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (out.size() < count && System.currentTimeMillis() < deadline) {
            org.layer45.connection.ConnectionEvent e = connection.pollEvent();
            if (e instanceof org.layer45.connection.ConnectionEvent.KeyUpdated k) {
                out.add(k);
            } else if (e == null) {
                try {
                    if (!readRecord()) {
                        break;
                    }
                } catch (SocketTimeoutException quiet) {
                    break;
                }
            }
        }
        return out;
    }

    /** The application data received so far, as bytes; the buffer is emptied. */
    byte[] takeReceived() {
        byte[] out = received.toByteArray();
        received.reset();
        return out;
    }

    Connection connection() {
        return connection;
    }

    /** Runs the handshake to completion (client: sends the ClientHello first). */
    void handshake() throws IOException, TlsFailure {
        if (connection instanceof ClientConnection client) {
            client.start();
        }
        flush();
        while (!connection.isHandshakeComplete()) {
            if (!readRecord()) {
                throw new IOException("peer closed the socket during the handshake");
            }
        }
    }

    /** Seals and sends {@code data}, record by record. */
    void write(byte[] data) throws IOException, TlsFailure {
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer net = ByteBuffer.allocate(connection.maxSealedRecordSize() + (1 << 16));
        while (src.hasRemaining()) {
            net.clear();
            connection.sealApplicationData(new ByteBuffer[] {src}, 0, 1, net);
            out.write(net.array(), 0, net.position());
        }
        out.flush();
    }

    /** Sends whatever the connection has queued (handshake flights, KeyUpdate, alerts). */
    void flush() throws IOException, TlsFailure {
        while (connection.hasPendingOutput()) {
            ByteBuffer net = ByteBuffer.allocate(1 << 17);
            connection.drainPendingOutput(net);
            out.write(net.array(), 0, net.position());
        }
        out.flush();
    }

    /**
     * Reads one record from the socket and processes it; application data goes to the received
     * buffer. Returns false at end of stream or after the peer's close_notify.
     */
    boolean readRecord() throws IOException, TlsFailure {
        while (true) {
            if (connection.isInboundClosed()) {
                return false;
            }
            int length = connection.nextRecordLength(inbound);
            if (length >= 0) {
                app.clear();
                try {
                    connection.processRecord(inbound, app);
                } finally {
                    flush();
                }
                received.write(app.array(), 0, app.position());
                return true;
            }
            if (eof || !fill()) {
                eof = true;
                return false;
            }
        }
    }

    private boolean fill() throws IOException {
        inbound.compact();
        if (!inbound.hasRemaining()) {
            throw new IOException("record larger than the inbound buffer");
        }
        int n = in.read(inbound.array(), inbound.position(), inbound.remaining());
        if (n > 0) {
            inbound.position(inbound.position() + n);
        }
        inbound.flip();
        return n > 0;
    }

    /** Reads until the received text contains {@code marker}, the peer closes, or time runs out. */
    String readUntil(String marker, long timeoutMillis) throws IOException, TlsFailure {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!receivedText().contains(marker) && System.currentTimeMillis() < deadline) {
            try {
                if (!readRecord()) {
                    break;
                }
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return receivedText();
    }

    /** Reads until the peer closes (close_notify or end of stream). */
    String readToEnd() throws IOException, TlsFailure {
        while (readRecord()) {
            // keep reading
        }
        return receivedText();
    }

    String receivedText() {
        return received.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        try {
            if (connection.failure() == null && !connection.isOutboundClosed()) {
                connection.closeOutbound();
                flush();
            }
        } catch (TlsFailure | IOException e) {
            // The connection already failed or the peer went away; the socket closes regardless.
        } finally {
            socket.close();
        }
    }
}
