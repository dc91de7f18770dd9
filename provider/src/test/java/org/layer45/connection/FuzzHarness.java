package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.record.RecordLimits;

/**
 * The feeding and checking machinery shared by the connection fuzz tests ({@link ConnectionFuzzTest} for
 * TLS 1.3, {@link Tls12ConnectionFuzzTest} for TLS 1.2). One input is fed to a fresh connection the way a
 * caller would (whole records while complete ones are buffered); the only acceptable ends are a completed
 * handshake, a connection answering or waiting for more bytes, or a {@link TlsFailure} carrying an alert
 * after which the connection is terminal (DESIGN.md §7: exactly one fatal alert queued, every later input
 * or sealing call rethrows the same failure). Outcomes and timings are counted for the report.
 */
final class FuzzHarness {
    /** Nothing the connection queues in answer to one bounded input may exceed this. */
    static final int MAX_OUTPUT = 1 << 14;

    private final String name;
    private final long seed;
    private final Predicate<byte[]> isFatalAlertRecord;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Map<String, String> timing = new TreeMap<>();

    /**
     * @param name               the report's label
     * @param seed               the run's seed, named in every failure message
     * @param isFatalAlertRecord whether a whole record (header included) is a fatal alert as this version
     *                           protects it at any point of the handshake
     */
    FuzzHarness(String name, long seed, Predicate<byte[]> isFatalAlertRecord) {
        this.name = name;
        this.seed = seed;
        this.isFatalAlertRecord = isFatalAlertRecord;
    }

    /** A fresh connection in the state under test and the input to feed it. */
    record Prepared(Connection connection, byte[] input) {
    }

    /** Builds one case (setup must not fail: only the input is fuzzed). */
    @FunctionalInterface
    interface Case {
        Prepared prepare() throws TlsFailure;
    }

    /** Runs {@code inputs} inputs through {@code body}, recording their count, wall and CPU time. */
    void timed(String target, int inputs, IntConsumer body) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < inputs; i++) {
            body.accept(i);
        }
        timing.put(target, inputs + " inputs, " + (System.nanoTime() - wall) / 1_000_000 + " ms wall, "
                + (bean.getCurrentThreadCpuTime() - cpu) / 1_000_000 + " ms cpu");
    }

    /** Prints the outcome counts and timings. */
    void report() {
        System.out.println(name + " outcomes: " + outcomes);
        System.out.println(name + " timing: " + timing);
    }

    /** How many inputs had an outcome starting with {@code prefix} (for tests that check coverage). */
    int total(String prefix) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /**
     * Feeds {@code input} as a caller would: whole records to processRecord while complete ones are
     * buffered; stops at an incomplete record or at the first failure (which it returns by throwing).
     */
    static int feed(Connection c, byte[] input) throws TlsFailure {
        ByteBuffer in = ByteBuffer.wrap(input);
        ByteBuffer app = ByteBuffer.allocate(Wire.APP_BUFFER);
        int records = 0;
        int length;
        while (in.hasRemaining() && (length = c.nextRecordLength(in)) >= 0) {
            assertTrue(length >= RecordLimits.HEADER_LENGTH && length <= in.remaining(), "record length " + length);
            int before = in.position();
            c.processRecord(in, app.clear());
            assertEquals(before + length, in.position(), "processRecord consumes exactly one record");
            records++;
            assertTrue(records <= input.length / RecordLimits.HEADER_LENGTH, "operation bound");
            assertTrue(c.testBufferedHandshakeBytes() <= input.length, "defragmenter holds more than the input");
        }
        return records;
    }

    /** Runs a case; anything but TlsFailure, success or incompleteness fails the test with the input. */
    void check(String target, int number, Case c) {
        Prepared p;
        try {
            p = c.prepare();
        } catch (TlsFailure f) {
            throw new AssertionError(target + " input #" + number + ": setup failed", f);
        }
        Connection conn = p.connection();
        try {
            try {
                feed(conn, p.input());
                assertNull(conn.failure(), "no failure recorded");
                int out = Wire.drainRecords(conn).stream().mapToInt(r -> r.length).sum();
                assertTrue(out <= MAX_OUTPUT, "output of " + out + " bytes");
                count(target + ": " + (conn.isHandshakeComplete() ? "handshake complete"
                        : out > 0 ? "answered, now in " + conn.stateName() : "waiting for more input"));
            } catch (TlsFailure f) {
                checkFailure(target, conn, f);
            }
        } catch (TlsFailure | RuntimeException | Error e) {
            throw new AssertionError(target + " input #" + number + " (seed " + seed + "): " + e
                    + "\ninput " + HexFormat.of().formatHex(p.input()), e);
        }
    }

    /**
     * A failure carries an alert (never internal_error for peer input); the connection is terminal: its
     * output ends with one fatal alert record, and every later input, length or sealing call rethrows
     * the same failure without queueing anything more.
     */
    private void checkFailure(String target, Connection c, TlsFailure f) throws TlsFailure {
        assertNotNull(f.alert(), "failure without alert");
        assertTrue(!f.alert().equals(AlertDescription.INTERNAL_ERROR), () -> "internal_error for peer input: " + f);
        assertSame(f, c.failure());
        List<byte[]> out = Wire.drainRecords(c);
        assertTrue(out.stream().mapToInt(r -> r.length).sum() <= MAX_OUTPUT, "output after failure");
        if (f.reason() != Reason.PEER_ALERT) {
            byte[] last = out.get(out.size() - 1);
            assertTrue(isFatalAlertRecord.test(last), "last record: " + HexFormat.of().formatHex(last));
        }
        byte[] next = {22, 3, 3, 0, 0};
        assertSame(f, assertThrows(TlsFailure.class, () -> c.processRecord(ByteBuffer.wrap(next),
                ByteBuffer.allocate(16))));
        assertSame(f, assertThrows(TlsFailure.class, () -> c.nextRecordLength(ByteBuffer.wrap(next))));
        assertSame(f, assertThrows(TlsFailure.class, () -> c.sealApplicationData(
                new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})}, 0, 1, ByteBuffer.allocate(1 << 15))));
        assertFalse(c.hasPendingOutput(), "output after the alert");
        assertTrue(c.isInboundClosed() && c.isOutboundClosed(), "terminal");
        count(target + ": " + f.alert().name() + " (" + f.reason() + ")");
        if (Boolean.getBoolean("fuzz.details")) {
            count(target + ": " + f.alert().name() + " / " + f.detail().replaceAll("[0-9a-fx()]{2,}", "#"));
        }
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /**
     * A hook mutating the {@code target}-th handshake message {@code c} sends with operator {@code op}:
     * in place when the length stays, else sealed in front of the original (mostly reframed, so the
     * decoder rather than the framing sees it).
     */
    static Consumer<byte[]> mutating(Connection c, Mutator m, int target, int op) {
        int[] index = {0};
        return encoded -> {
            if (index[0]++ != target) {
                return;
            }
            byte[] mutated = m.mutate(encoded, op);
            if (mutated.length == encoded.length) {
                System.arraycopy(mutated, 0, encoded, 0, encoded.length); // replaces it on the wire
            } else {
                sealBefore(c, m.nextInt(4) == 0 ? mutated : Mutator.reframeMessage(mutated));
            }
        };
    }

    private static void sealBefore(Connection c, byte[] message) {
        try {
            c.testSealHandshake(message);
        } catch (TlsFailure f) {
            throw new IllegalStateException("sealing a fuzzed message failed", f);
        }
    }

    static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        parts.forEach(b::put);
        return b.array();
    }
}
