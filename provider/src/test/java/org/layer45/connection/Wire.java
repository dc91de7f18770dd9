package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.record.RecordLimits;

/**
 * Record-granular transport helpers for tests that need to see, hold back or replace single records
 * (unlike {@link Pump}, which moves everything until quiet).
 */
final class Wire {
    /** Room for any one record's plaintext (RFC 8446 §5.2: at most 2^14 + 256 bytes of ciphertext). */
    static final int APP_BUFFER = RecordLimits.MAX_CIPHERTEXT_13 + 256;

    private Wire() {
    }

    /** Drains everything {@code c} has queued and splits it into whole records (RFC 8446 §5.1 header). */
    static List<byte[]> drainRecords(Connection c) throws TlsFailure {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer net = ByteBuffer.allocate(1 << 12);
        while (c.hasPendingOutput()) {
            net.clear();
            c.drainPendingOutput(net);
            all.write(net.array(), 0, net.position());
        }
        ByteBuffer bytes = ByteBuffer.wrap(all.toByteArray());
        List<byte[]> out = new ArrayList<>();
        while (bytes.hasRemaining()) {
            int length = RecordLimits.HEADER_LENGTH + (bytes.getShort(bytes.position() + 3) & 0xFFFF);
            byte[] record = new byte[length];
            bytes.get(record);
            out.add(record);
        }
        return out;
    }

    /** Feeds one whole record to {@code c}, asserting it is consumed exactly; returns application data. */
    static byte[] process(Connection c, byte[] record) throws TlsFailure {
        ByteBuffer src = ByteBuffer.wrap(record);
        assertEquals(record.length, c.nextRecordLength(src), "record length");
        ByteBuffer app = ByteBuffer.allocate(APP_BUFFER);
        c.processRecord(src, app);
        assertFalse(src.hasRemaining(), "record not fully consumed");
        byte[] data = new byte[app.position()];
        app.flip().get(data);
        return data;
    }

    /**
     * A plaintext handshake record split into one record per handshake message (RFC 5246 §6.2.1: a
     * message may be carried in any fragmentation), so that a test can stop, mutate or inject between
     * messages. Other records, and messages that do not fit whole in the record, are returned as they are.
     */
    static List<byte[]> oneMessagePerRecord(byte[] record) {
        if (record.length < RecordLimits.HEADER_LENGTH || record[0] != 22) {
            return List.of(record);
        }
        List<byte[]> out = new ArrayList<>();
        int p = RecordLimits.HEADER_LENGTH;
        while (p + 4 <= record.length) {
            int n = 4 + (((record[p + 1] & 0xFF) << 16) | ((record[p + 2] & 0xFF) << 8) | (record[p + 3] & 0xFF));
            if (p + n > record.length) {
                return List.of(record);
            }
            byte[] one = new byte[RecordLimits.HEADER_LENGTH + n];
            System.arraycopy(record, 0, one, 0, 3);
            one[3] = (byte) (n >> 8);
            one[4] = (byte) n;
            System.arraycopy(record, p, one, RecordLimits.HEADER_LENGTH, n);
            out.add(one);
            p += n;
        }
        return p == record.length ? out : List.of(record);
    }
}
