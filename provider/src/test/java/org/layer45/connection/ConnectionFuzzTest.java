package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.NamedGroup;

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
 * <p>Feeding and the terminal checks after a failure are {@link FuzzHarness}'s, shared with the TLS 1.2
 * fuzz ({@link Tls12ConnectionFuzzTest}). Randomness is seeded on both sides and reset per input, so the
 * key exchange is the same for every input and {@link MemoizingBackend} can skip the repeated X25519 and
 * signature operations (X25519 and Ed25519 keep the misses cheap). Reproduce a failing input from the
 * seed and input number in the failure message.
 */
@Timeout(300) // a hang guard only; the whole class runs in seconds
class ConnectionFuzzTest {
    private static final long SEED = 0x1A7E45L;
    private static final int CLIENT_HELLO_INPUTS = 45_000;
    private static final int SERVER_FLIGHT_INPUTS = 35_000;
    private static final int ENCRYPTED_MESSAGE_INPUTS = 12_000;
    private static final int CLIENT_FLIGHT_INPUTS = 8_000;

    private static final CertifiedKey KEY = TestCertificates.get(TestCertificates.Kind.ED25519);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Map<List<Object>, Object> MEMO = MemoizingBackend.newMemo();
    /** TLS 1.3 alert records: plaintext (7 bytes) or protected (5 + 2 + 1 inner type + 16 tag = 24). */
    private static final FuzzHarness FUZZ = new FuzzHarness("connection fuzz", SEED,
            r -> r.length == 7 && r[0] == 21 || r.length == 24 && r[0] == 23);

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
        serverFlight = FuzzHarness.concat(Wire.drainRecords(server));
        // The unmutated reference completes, so mutations start from a valid run.
        ClientConnection done = newClientAfter(serverFlight);
        assertTrue(done.isHandshakeComplete(), "reference flight completes the client's handshake");
        FuzzHarness.feed(server, FuzzHarness.concat(Wire.drainRecords(done)));
        assertTrue(server.isHandshakeComplete(), "reference client flight completes the server's handshake");
    }

    @AfterAll
    static void report() {
        FUZZ.report();
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
        FuzzHarness.feed(c, flight);
        return c;
    }

    private static ServerConnection newServer() {
        serverRandom.reset();
        return new ServerConnection(serverConfig);
    }

    @Test
    void mutatedClientHellos() {
        Mutator m = new Mutator(SEED);
        FUZZ.timed("server", CLIENT_HELLO_INPUTS, i -> {
            byte[] mutated = m.mutate(clientHelloRecord, m.nextInt(Mutator.OPERATORS.length));
            // Half the inputs keep the mutated lengths; half are reframed so the decoder sees them.
            byte[] input = m.nextInt(2) == 0 ? mutated : Mutator.reframeRecord(mutated);
            FUZZ.check("server", i, () -> new FuzzHarness.Prepared(newServer(), input));
        });
    }

    @Test
    void mutatedServerFlights() {
        Mutator m = new Mutator(SEED + 10);
        FUZZ.timed("client", SERVER_FLIGHT_INPUTS, i -> {
            byte[] input = m.mutate(serverFlight, m.nextInt(Mutator.OPERATORS.length));
            FUZZ.check("client", i, () -> {
                ClientConnection client = newClient();
                Wire.drainRecords(client);
                return new FuzzHarness.Prepared(client, input);
            });
        });
    }

    @Test
    void mutatedMessagesUnderValidEncryption() {
        Mutator m = new Mutator(SEED + 20);
        FUZZ.timed("client (encrypted)", ENCRYPTED_MESSAGE_INPUTS, i -> {
            // ServerHello, EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify,
            // Finished: pick one.
            int target = m.nextInt(6);
            int op = m.nextInt(Mutator.OPERATORS.length);
            FUZZ.check("client (encrypted)", i, () -> {
                ClientConnection client = newClient();
                byte[] hello = Wire.drainRecords(client).get(0);
                ServerConnection server = newServer();
                server.testHookBeforeHandshakeMessage(FuzzHarness.mutating(server, m, target, op));
                Wire.process(server, hello);
                return new FuzzHarness.Prepared(client, FuzzHarness.concat(Wire.drainRecords(server)));
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
        FUZZ.timed("server (second flight)", CLIENT_FLIGHT_INPUTS, i -> {
            boolean sealed = m.nextInt(2) == 0;
            int target = m.nextInt(3);
            int op = m.nextInt(Mutator.OPERATORS.length);
            FUZZ.check("server (second flight)", i, () -> {
                ClientConnection client = newClient();
                byte[] hello = Wire.drainRecords(client).get(0);
                ServerConnection server = newServer();
                Wire.process(server, hello);
                byte[] flight = FuzzHarness.concat(Wire.drainRecords(server));
                if (!sealed) {
                    client.testHookBeforeHandshakeMessage(FuzzHarness.mutating(client, m, target, op));
                }
                FuzzHarness.feed(client, flight);
                byte[] second = FuzzHarness.concat(Wire.drainRecords(client));
                assertEquals("ExpectClientCertificate", server.stateName());
                return new FuzzHarness.Prepared(server, sealed ? m.mutate(second, op) : second);
            });
        });
    }
}
