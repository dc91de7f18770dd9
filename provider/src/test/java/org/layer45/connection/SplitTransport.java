package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;

/**
 * The transport of the split-input tests ({@link SplitInputTest} for TLS 1.3, {@link Tls12SplitInputTest}
 * for TLS 1.2): a client and a server exchange whole flights (everything one side has to send), each
 * delivered to the receiver in the pieces a {@link Splitter} chooses. The receiver's caller buffers the
 * pieces and calls {@link Connection#processRecord} only when {@link Connection#nextRecordLength} reports
 * a complete record (RFC 8446 §5.1, RFC 5246 §6.2.1: records may arrive in any fragmentation of the byte
 * stream). Every flight is kept, so runs can be compared byte for byte.
 */
final class SplitTransport {
    final ClientConnection client;
    final ServerConnection server;
    final List<byte[]> flights = new ArrayList<>();
    private final Splitter splitter;
    private final Inbound clientIn = new Inbound();
    private final Inbound serverIn = new Inbound();
    private final ByteArrayOutputStream sealed = new ByteArrayOutputStream();

    /** How flight number {@code flight} of {@code length} bytes is cut into pieces: the cut offsets, ascending. */
    @FunctionalInterface
    interface Splitter {
        int[] cuts(int flight, int length);

        /** Every flight whole. */
        static Splitter whole() {
            return (flight, length) -> new int[0];
        }

        /** Every flight longer than {@code k} cut in two at {@code k}. */
        static Splitter at(int k) {
            return (flight, length) -> k < length ? new int[] {k} : new int[0];
        }

        /** Every flight one byte at a time. */
        static Splitter oneByteAtATime() {
            return (flight, length) -> {
                int[] cuts = new int[Math.max(0, length - 1)];
                for (int i = 0; i < cuts.length; i++) {
                    cuts[i] = i + 1;
                }
                return cuts;
            };
        }
    }

    SplitTransport(ClientConnection client, ServerConnection server, Splitter splitter) {
        this.client = client;
        this.server = server;
        this.splitter = splitter;
    }

    /** Application data the client received so far. */
    byte[] clientReceived() {
        return clientIn.received.toByteArray();
    }

    /** Application data the server received so far. */
    byte[] serverReceived() {
        return serverIn.received.toByteArray();
    }

    /**
     * Seals application data from {@code from} in records of at most 200 bytes (so a flight holds
     * several); it joins that side's next flight.
     */
    void seal(Connection from, byte[] data) throws TlsFailure {
        for (int off = 0; off < data.length; off += 200) {
            ByteBuffer src = ByteBuffer.wrap(data, off, Math.min(200, data.length - off));
            ByteBuffer net = ByteBuffer.allocate(from.maxSealedRecordSize() + (1 << 12));
            while (src.hasRemaining()) {
                from.sealApplicationData(new ByteBuffer[] {src}, 0, 1, net);
            }
            sealed.write(net.array(), 0, net.position());
        }
    }

    /** Everything {@code from} has to send, delivered to the other side in the splitter's pieces. */
    void flight(Connection from) throws TlsFailure {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(sealed.toByteArray());
        sealed.reset();
        while (from.hasPendingOutput()) {
            ByteBuffer net = ByteBuffer.allocate(1 << 16);
            from.drainPendingOutput(net);
            bytes.write(net.array(), 0, net.position());
        }
        byte[] flight = bytes.toByteArray();
        assertTrue(flight.length > 0, "empty flight " + flights.size());
        int[] cuts = splitter.cuts(flights.size(), flight.length);
        flights.add(flight);
        Connection to = from == client ? server : client;
        Inbound in = from == client ? serverIn : clientIn;
        int start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : flight.length;
            in.deliver(to, flight, start, end - start);
            start = end;
        }
        assertFalse(in.buffer.hasRemaining(), "flight ends on a record boundary");
    }

    /** A caller's receive buffer: pieces accumulate until a whole record is there. */
    private static final class Inbound {
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 17).flip();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        void deliver(Connection to, byte[] bytes, int offset, int length) throws TlsFailure {
            buffer.compact().put(bytes, offset, length).flip();
            int length0;
            while ((length0 = to.nextRecordLength(buffer)) >= 0) {
                assertTrue(buffer.remaining() >= length0, "length reported only for a complete record");
                ByteBuffer app = ByteBuffer.allocate(Wire.APP_BUFFER);
                int before = buffer.position();
                to.processRecord(buffer, app);
                assertEquals(before + length0, buffer.position(), "consumed exactly one record");
                received.write(app.array(), 0, app.position());
            }
        }
    }
}
