package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.NamedGroup;
import org.layer45.record.RecordLimits;

/**
 * Issue 2 "must show" 4, connection level: more than 100,000 seeded random or mutated inputs per run
 * reach real connections and only ever end in a {@link TlsFailure} carrying an alert, a completed
 * handshake, or a connection waiting for more bytes — never another exception, never a hang (each
 * input is bounded and every {@link Connection#processRecord} call must consume one whole record, so
 * the number of calls per input is bounded by its length), never unbounded buffering (the
 * defragmenter holds at most the input, output stays under a fixed cap).
 *
 * <ul>
 * <li>{@link #mutatedClientHellos}: a fresh {@link ServerConnection} per input, fed a mutated copy of a
 * real ClientHello record.</li>
 * <li>{@link #mutatedServerFlights}: a fresh {@link ClientConnection} (ClientHello sent) per input, fed a
 * mutated copy of the server's real first flight (ServerHello, ChangeCipherSpec, encrypted flight).
 * Mutations of the ciphertext meet the AEAD (bad_record_mac); mutations of the plaintext records
 * reach the ServerHello checks and the key schedule.</li>
 * <li>{@link #mutatedMessagesUnderValidEncryption}: to reach the decoders and checks behind the AEAD,
 * a fresh server writes its flight with one handshake message mutated before sealing (through
 * {@link Connection#testHookBeforeHandshakeMessage}), so the client decrypts it and parses it.</li>
 * <li>{@link #mutatedClientSecondFlights}: a fresh server waiting for the client's Certificate gets the
 * client's second flight, mutated after sealing or (through the client's hook) before.</li>
 * </ul>
 *
 * <p>Randomness is seeded on both sides and reset per input, so the key exchange is the same for every
 * input and {@link MemoizingBackend} can skip the repeated X25519 and signature operations (X25519 and
 * Ed25519 keep the misses cheap). Reproduce a failing input from the seed and input number in the
 * failure message.
 */
@Timeout(300) // a hang guard only; the whole class runs in seconds
class ConnectionFuzzTest {
    private static final long SEED = 0x1A7E45L;
    private static final int CLIENT_HELLO_INPUTS = 45_000;
    private static final int SERVER_FLIGHT_INPUTS = 35_000;
    private static final int ENCRYPTED_MESSAGE_INPUTS = 12_000;
    private static final int CLIENT_FLIGHT_INPUTS = 8_000;
    /** Nothing the connection queues in answer to one bounded input may exceed this. */
    private static final int MAX_OUTPUT = 1 << 14;

    private static final CertifiedKey KEY = TestCertificates.get(TestCertificates.Kind.ED25519);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Map<List<Object>, Object> MEMO = MemoizingBackend.newMemo();
    private static final Map<String, Integer> OUTCOMES = new TreeMap<>();
    private static final Map<String, String> TIMING = new TreeMap<>();

    private static SeededRandom clientRandom;
    private static SeededRandom serverRandom;
    private static Config clientConfig;
    private static Config serverConfig;
    private static byte[] clientHelloRecord;
    private static byte[] serverFlight;

    @BeforeAll
    static void referenceFlights() throws TlsFailure {
        clientRandom = new SeededRandom(SEED + 1);
        serverRandom = new SeededRandom(SEED + 2);
        // Client authentication: CertificateRequest and the client's Certificate / CertificateVerify add
        // decoders and checks to both flights.
        clientConfig = Config.builder().serverName("fuzz.test").groups(List.of(NamedGroup.X25519))
                .certificateSelector(CertificateSelector.fixed(KEY))
                .keyShareGroups(List.of(NamedGroup.X25519))
                .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain()))
                .backend(new MemoizingBackend(DefaultCryptoBackend.create(clientRandom), MEMO)).clock(CLOCK).build();
        serverConfig = Config.builder().certificateSelector(CertificateSelector.fixed(KEY))
                .clientAuth(ClientAuth.REQUIRED).peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain()))
                .groups(List.of(NamedGroup.X25519)).maxTicketsSent(1)
                .backend(new MemoizingBackend(DefaultCryptoBackend.create(serverRandom), MEMO)).clock(CLOCK).build();
        ClientConnection client = newClient();
        clientHelloRecord = Wire.drainRecords(client).get(0);
        ServerConnection server = newServer();
        Wire.process(server, clientHelloRecord);
        serverFlight = concat(Wire.drainRecords(server));
        // The unmutated reference completes, so mutations start from a valid run.
        ClientConnection done = newClientAfter(serverFlight);
        assertTrue(done.isHandshakeComplete(), "reference flight completes the client's handshake");
        feed(server, concat(Wire.drainRecords(done)));
        assertTrue(server.isHandshakeComplete(), "reference client flight completes the server's handshake");
    }

    @AfterAll
    static void report() {
        System.out.println("connection fuzz outcomes: " + OUTCOMES);
        System.out.println("connection fuzz timing: " + TIMING);
    }

    /** Runs {@code inputs} inputs through {@code body}, recording their count, wall and CPU time. */
    private static void timed(String name, int inputs, IntConsumer body) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = bean.getCurrentThreadCpuTime();
        for (int i = 0; i < inputs; i++) {
            body.accept(i);
        }
        TIMING.put(name, inputs + " inputs, " + (System.nanoTime() - wall) / 1_000_000 + " ms wall, "
                + (bean.getCurrentThreadCpuTime() - cpu) / 1_000_000 + " ms cpu");
    }

    private static ClientConnection newClient() throws TlsFailure {
        clientRandom.reset();
        ClientConnection c = new ClientConnection(clientConfig);
        c.start();
        return c;
    }

    private static ClientConnection newClientAfter(byte[] flight) throws TlsFailure {
        ClientConnection c = newClient();
        Wire.drainRecords(c);
        feed(c, flight);
        return c;
    }

    private static ServerConnection newServer() {
        serverRandom.reset();
        return new ServerConnection(serverConfig);
    }

    @Test
    void mutatedClientHellos() {
        Mutator m = new Mutator(SEED);
        timed("server", CLIENT_HELLO_INPUTS, i -> {
            byte[] mutated = m.mutate(clientHelloRecord, m.nextInt(Mutator.OPERATORS.length));
            // Half the inputs keep the mutated lengths; half are reframed so the decoder sees them.
            byte[] input = m.nextInt(2) == 0 ? mutated : Mutator.reframeRecord(mutated);
            check("server", i, () -> new Prepared(newServer(), input));
        });
    }

    @Test
    void mutatedServerFlights() {
        Mutator m = new Mutator(SEED + 10);
        timed("client", SERVER_FLIGHT_INPUTS, i -> {
            byte[] input = m.mutate(serverFlight, m.nextInt(Mutator.OPERATORS.length));
            check("client", i, () -> {
                ClientConnection client = newClient();
                Wire.drainRecords(client);
                return new Prepared(client, input);
            });
        });
    }

    @Test
    void mutatedMessagesUnderValidEncryption() {
        Mutator m = new Mutator(SEED + 20);
        timed("client (encrypted)", ENCRYPTED_MESSAGE_INPUTS, i -> {
            // ServerHello, EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify,
            // Finished: pick one.
            int target = m.nextInt(6);
            int op = m.nextInt(Mutator.OPERATORS.length);
            check("client (encrypted)", i, () -> {
                ClientConnection client = newClient();
                byte[] hello = Wire.drainRecords(client).get(0);
                ServerConnection server = newServer();
                server.testHookBeforeHandshakeMessage(mutating(server, m, target, op));
                Wire.process(server, hello);
                return new Prepared(client, concat(Wire.drainRecords(server)));
            });
        });
    }

    /**
     * The client's second flight (ChangeCipherSpec, Certificate, CertificateVerify, Finished) to a
     * fresh server in ExpectClientCertificate: half the inputs mutate the sealed bytes, half mutate one
     * message before the client seals it.
     */
    @Test
    void mutatedClientSecondFlights() {
        Mutator m = new Mutator(SEED + 30);
        timed("server (second flight)", CLIENT_FLIGHT_INPUTS, i -> {
            boolean sealed = m.nextInt(2) == 0;
            int target = m.nextInt(3);
            int op = m.nextInt(Mutator.OPERATORS.length);
            check("server (second flight)", i, () -> {
                ClientConnection client = newClient();
                byte[] hello = Wire.drainRecords(client).get(0);
                ServerConnection server = newServer();
                Wire.process(server, hello);
                byte[] flight = concat(Wire.drainRecords(server));
                if (!sealed) {
                    client.testHookBeforeHandshakeMessage(mutating(client, m, target, op));
                }
                feed(client, flight);
                byte[] second = concat(Wire.drainRecords(client));
                assertEquals("ExpectClientCertificate", server.stateName());
                return new Prepared(server, sealed ? m.mutate(second, op) : second);
            });
        });
    }

    /** A hook mutating the {@code target}-th handshake message {@code c} sends with operator {@code op}. */
    private static Consumer<byte[]> mutating(Connection c, Mutator m, int target, int op) {
        int[] index = {0};
        return encoded -> {
            if (index[0]++ != target) {
                return;
            }
            byte[] mutated = m.mutate(encoded, op);
            if (mutated.length == encoded.length) {
                System.arraycopy(mutated, 0, encoded, 0, encoded.length); // replaces it on the wire
            } else {
                // In front of the original; mostly reframed, so the decoder rather than the framing sees it.
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

    // ---- feeding and checking

    /** A fresh connection in the state under test and the input to feed it. */
    record Prepared(Connection connection, byte[] input) {
    }

    /** Builds one case (setup must not fail: only the input is fuzzed). */
    @FunctionalInterface
    interface Case {
        Prepared prepare() throws TlsFailure;
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
    private static void check(String target, int number, Case c) {
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
                assertTrue(conn.failure() == null, "no failure recorded");
                int out = Wire.drainRecords(conn).stream().mapToInt(r -> r.length).sum();
                assertTrue(out <= MAX_OUTPUT, "output of " + out + " bytes");
                count(target + ": " + (conn.isHandshakeComplete() ? "handshake complete"
                        : out > 0 ? "answered, now in " + conn.stateName() : "waiting for more input"));
            } catch (TlsFailure f) {
                checkFailure(target, conn, f);
            }
        } catch (TlsFailure | RuntimeException | Error e) {
            throw new AssertionError(target + " input #" + number + " (seed " + SEED + "): " + e
                    + "\ninput " + HexFormat.of().formatHex(p.input()), e);
        }
    }

    /**
     * A failure carries an alert (never internal_error for peer input), the connection is terminal, and
     * its output ends with one alert record.
     */
    private static void checkFailure(String target, Connection c, TlsFailure f) throws TlsFailure {
        assertNotNull(f.alert(), "failure without alert");
        assertTrue(!f.alert().equals(AlertDescription.INTERNAL_ERROR), () -> "internal_error for peer input: " + f);
        assertSame(f, c.failure());
        List<byte[]> out = Wire.drainRecords(c);
        assertTrue(out.stream().mapToInt(r -> r.length).sum() <= MAX_OUTPUT, "output after failure");
        if (f.reason() != Reason.PEER_ALERT) {
            byte[] last = out.get(out.size() - 1);
            // A plaintext alert record is 7 bytes; a protected one 5 + 2 + 1 (inner type) + 16 (tag) = 24.
            assertTrue(last.length == 7 || last.length == 24, "last record " + last.length + " bytes");
        }
        assertSame(f, assertThrows(TlsFailure.class, () -> c.processRecord(
                ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 0}), ByteBuffer.allocate(16))));
        count(target + ": " + f.alert().name() + " (" + f.reason() + ")");
        if (Boolean.getBoolean("fuzz.details")) {
            count(target + ": " + f.alert().name() + " / " + f.detail().replaceAll("[0-9a-fx()]{2,}", "#"));
        }
    }

    private static void count(String outcome) {
        OUTCOMES.merge(outcome, 1, Integer::sum);
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        parts.forEach(b::put);
        return b.array();
    }
}
