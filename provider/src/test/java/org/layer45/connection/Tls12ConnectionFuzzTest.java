package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.StoredTicket;
import org.layer45.handshake.TicketStore;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ContentType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.Alert;
import org.layer45.message.HelloRequest;

/**
 * The TLS 1.2 counterpart of {@link ConnectionFuzzTest}: more than 100,000 seeded mutated or random inputs
 * per run reach TLS 1.2 connections of both roles in every TLS 1.2 state that reads from the peer, and
 * only ever end in a {@link TlsFailure} carrying an alert (after which the connection is terminal: one
 * fatal alert queued, the same failure rethrown by every later call), a completed handshake, or a
 * connection answering or waiting for more bytes — never another exception, never a hang (a bounded
 * {@link Timeout}; every input is bounded and each {@link Connection#processRecord} consumes a record).
 * Feeding and checking are {@link FuzzHarness}'s.
 *
 * <p>The inputs are mutations of a real deterministic TLS 1.2 run with client authentication, a session
 * ticket (RFC 5077) and an abbreviated resumption (RFC 5246 §7.3):
 * <ul>
 * <li>{@link #mutatedClientHellos}: a fresh server gets a mutated ClientHello: TLS 1.2-only, TLS 1.3 +
 * 1.2 (the server only does 1.2), or offering the stored session.</li>
 * <li>{@link #mutatedServerFlights}: a fresh client in ExpectServerHello12 (or the TLS 1.3 client's
 * ExpectServerHello, which switches to TLS 1.2) gets ServerHello, Certificate, ServerKeyExchange,
 * CertificateRequest, ServerHelloDone — one message per record, one of them mutated, or the whole
 * flight mutated. In TLS 1.2 these are plaintext, so every mutation reaches a decoder or a check.</li>
 * <li>{@link #mutatedClientFlights}: a fresh server in ExpectClientCertificate12 gets Certificate,
 * ClientKeyExchange, CertificateVerify, ChangeCipherSpec, Finished, mutated on the wire or (through the
 * client's {@link Connection#testHookBeforeHandshakeMessage}) before sealing, so a mutated Finished is
 * decrypted and parsed.</li>
 * <li>{@link #mutatedServerSecondFlights}: a fresh client in ExpectServerChangeCipherSpec gets
 * NewSessionTicket, ChangeCipherSpec, Finished, mutated on the wire or before sealing.</li>
 * <li>{@link #mutatedTrafficRecords}: a fresh client in ClientTraffic12 or server in ServerTraffic12
 * gets the peer's application records mutated on the wire, or records of every content type whose
 * mutated content the peer sealed under the real application keys (HelloRequest, ClientHello and other
 * handshake messages, alerts, ChangeCipherSpec, data, unknown types).</li>
 * <li>{@link #mutatedAbbreviatedHandshakes}: the abbreviated handshake: a resuming client in
 * ExpectServerHello12 gets ServerHello, ChangeCipherSpec, Finished; a resuming server in
 * ExpectClientChangeCipherSpec gets ChangeCipherSpec, Finished; mutated on the wire or before sealing.</li>
 * </ul>
 *
 * <p>Randomness and clock are fixed and the randoms reset per connection, so every fresh connection
 * replays the reference byte for byte (checked first) and {@link MemoizingBackend} skips the repeated
 * X25519 and ECDSA operations. Reproduce a failing input from the seed and input number in its message.
 */
@Timeout(300) // a hang guard only; the class runs in seconds
class Tls12ConnectionFuzzTest {
    private static final long SEED = 0x7115_12F0L;
    private static final int CLIENT_HELLO_INPUTS = 24_000;
    private static final int SERVER_FLIGHT_INPUTS = 28_000;
    private static final int CLIENT_FLIGHT_INPUTS = 16_000;
    private static final int SERVER_SECOND_FLIGHT_INPUTS = 12_000;
    private static final int TRAFFIC_INPUTS = 12_000;
    private static final int ABBREVIATED_INPUTS = 10_000;

    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final CertifiedKey KEY = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Map<List<Object>, Object> MEMO = MemoizingBackend.newMemo();
    /**
     * TLS 1.2 alert records keep their content type visible (RFC 5246 §6.2.3): 21, plaintext (7 bytes) or
     * under AES-128-GCM (5 + 8 explicit nonce + 2 + 16 tag = 31, RFC 5288 §3).
     */
    private static final FuzzHarness FUZZ = new FuzzHarness("tls 1.2 connection fuzz", SEED,
            r -> r[0] == ContentType.ALERT && (r.length == 7 || r.length == 31));

    private static SeededRandom clientRandom;
    private static SeededRandom serverRandom;
    private static Config serverConfig;
    /** The TLS 1.2-only client, the TLS 1.3 + 1.2 one, and the one offering the reference session. */
    private static Config client12;
    private static Config client13;
    private static Config resumingClient;

    private static Flights full12;
    private static Flights full13;
    private static Flights abbreviated;
    /** The TLS 1.2-only client's second flight and the server's answer (full12). */
    private static List<byte[]> clientFlight;
    private static List<byte[]> serverSecondFlight;
    /** Application records (and close_notify) each side sealed right after the reference handshake. */
    private static byte[] clientData;
    private static byte[] serverData;

    /**
     * One reference exchange: the client configuration, its ClientHello record, the server's answer
     * (plaintext handshake records split into one record per message) and the client's reply to that.
     */
    record Flights(Config client, byte[] hello, List<byte[]> serverFlight, List<byte[]> clientReply) {
    }

    /**
     * A client ticket store for replays: {@link TicketStore#take} is single-use, but every replayed client
     * must offer the same session. With {@code keep} it holds the first session it is given and offers it
     * every time; without, it stores nothing (so completed fuzz inputs never change the next ClientHello).
     */
    private static final class ReplayTicketStore implements TicketStore {
        private final boolean keep;
        private StoredTicket ticket;

        ReplayTicketStore(boolean keep) {
            this.keep = keep;
        }

        @Override
        public synchronized void put(String serverName, StoredTicket t) {
            if (keep && ticket == null) {
                ticket = t;
            }
        }

        @Override
        public synchronized StoredTicket take(String serverName) {
            return ticket;
        }
    }

    @BeforeAll
    static void referenceFlights() throws TlsFailure {
        clientRandom = new SeededRandom(SEED + 1);
        serverRandom = new SeededRandom(SEED + 2);
        CryptoBackend clientBackend = new MemoizingBackend(DefaultCryptoBackend.create(clientRandom), MEMO);
        CryptoBackend serverBackend = new MemoizingBackend(DefaultCryptoBackend.create(serverRandom), MEMO);
        serverConfig = Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS12)).cipherSuites(List.of(SUITE))
                .groups(List.of(NamedGroup.X25519)).certificateSelector(CertificateSelector.fixed(KEY))
                .clientAuth(ClientAuth.REQUIRED).peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain()))
                .backend(serverBackend).clock(CLOCK).build();
        // RFC 8422 §5.3: secp256r1 offered for the curve of the server's ECDSA certificate; ECDHE uses X25519.
        Config.Builder client = Config.builder().serverName("fuzz12.test")
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .keyShareGroups(List.of(NamedGroup.X25519))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, SUITE))
                .certificateSelector(CertificateSelector.fixed(KEY))
                .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain())).backend(clientBackend).clock(CLOCK);
        client12 = client.enabledProtocols(List.of(ProtocolVersion.TLS12)).ticketStore(new ReplayTicketStore(false))
                .build();
        client13 = client.enabledProtocols(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12))
                .ticketStore(new ReplayTicketStore(false)).build();
        resumingClient = client.enabledProtocols(List.of(ProtocolVersion.TLS12))
                .ticketStore(new ReplayTicketStore(true)).build();

        full12 = exchange(client12);
        full13 = exchange(client13);
        assertEquals("ExpectServerChangeCipherSpec", afterServerFlight(client13).stateName(), "1.3 client in 1.2");
        clientFlight = full12.clientReply();
        ServerConnection server = newServer();
        Wire.process(server, full12.hello());
        assertFlight(full12.serverFlight(), Wire.drainRecords(server), "replayed server flight");
        FuzzHarness.feed(server, FuzzHarness.concat(clientFlight));
        serverSecondFlight = Wire.drainRecords(server);
        ClientConnection done = afterServerFlight(client12);
        Wire.drainRecords(done);
        FuzzHarness.feed(done, FuzzHarness.concat(serverSecondFlight));
        assertTrue(done.isHandshakeComplete() && server.isHandshakeComplete(), "reference handshake completes");
        assertEquals(ProtocolVersion.TLS12, done.session().version());
        clientData = sealData(done, "from the client");
        serverData = sealData(server, "from the server");
        Established replay = established();
        assertArrayEquals("from the server".getBytes(), Wire.process(replay.client(), firstRecord(serverData)));
        assertArrayEquals("from the client".getBytes(), Wire.process(replay.server(), firstRecord(clientData)));

        // The abbreviated handshake (RFC 5246 §7.3) over the session a full handshake leaves in the store.
        ClientConnection first = afterServerFlight(resumingClient);
        Wire.process(server = newServer(), full12.hello());
        Wire.drainRecords(server);
        FuzzHarness.feed(server, FuzzHarness.concat(Wire.drainRecords(first)));
        FuzzHarness.feed(first, FuzzHarness.concat(Wire.drainRecords(server)));
        assertTrue(first.isHandshakeComplete(), "resumable session stored");
        abbreviated = exchange(resumingClient);
        ClientConnection resumed = afterServerFlight(resumingClient);
        assertTrue(resumed.isHandshakeComplete() && resumed.session().resumed(), "abbreviated handshake");
    }

    @AfterAll
    static void report() {
        FUZZ.report();
    }

    // ---- the reference run

    /** A fresh client's ClientHello, a fresh server's answer to it, and the client's reply to that. */
    private static Flights exchange(Config clientConfig) throws TlsFailure {
        ClientConnection client = newClient(clientConfig);
        List<byte[]> hello = Wire.drainRecords(client);
        assertEquals(1, hello.size(), "ClientHello in one record");
        ServerConnection server = newServer();
        Wire.process(server, hello.get(0));
        List<byte[]> flight = new ArrayList<>();
        for (byte[] r : Wire.drainRecords(server)) {
            flight.addAll(Wire.oneMessagePerRecord(r));
        }
        FuzzHarness.feed(client, FuzzHarness.concat(flight));
        List<byte[]> reply = new ArrayList<>();
        for (byte[] r : Wire.drainRecords(client)) {
            reply.addAll(Wire.oneMessagePerRecord(r));
        }
        return new Flights(clientConfig, hello.get(0), flight, reply);
    }

    private static void assertFlight(List<byte[]> expected, List<byte[]> records, String what) {
        List<byte[]> split = new ArrayList<>();
        records.forEach(r -> split.addAll(Wire.oneMessagePerRecord(r)));
        assertArrayEquals(FuzzHarness.concat(expected), FuzzHarness.concat(split), what);
    }

    private static byte[] sealData(Connection from, String text) throws TlsFailure {
        ByteBuffer net = ByteBuffer.allocate(1 << 12);
        from.sealApplicationData(new ByteBuffer[] {ByteBuffer.wrap(text.getBytes())}, 0, 1, net);
        from.sealApplicationData(new ByteBuffer[] {ByteBuffer.wrap(new byte[300])}, 0, 1, net);
        from.closeOutbound();
        from.drainPendingOutput(net);
        byte[] out = new byte[net.position()];
        net.flip().get(out);
        return out;
    }

    private static byte[] firstRecord(byte[] records) {
        int length = 5 + (((records[3] & 0xFF) << 8) | (records[4] & 0xFF));
        return Arrays.copyOf(records, length);
    }

    private static ClientConnection newClient(Config config) throws TlsFailure {
        clientRandom.reset();
        ClientConnection c = new ClientConnection(config);
        c.start();
        return c;
    }

    private static ServerConnection newServer() {
        serverRandom.reset();
        return new ServerConnection(serverConfig);
    }

    /** A fresh client whose ClientHello went out. */
    private static ClientConnection afterHello(Config config) throws TlsFailure {
        ClientConnection c = newClient(config);
        Wire.drainRecords(c);
        return c;
    }

    /** A fresh client that processed the reference server flight for {@code config} (output still queued). */
    private static ClientConnection afterServerFlight(Config config) throws TlsFailure {
        ClientConnection c = afterHello(config);
        Flights f = config == client13 ? full13 : config == resumingClient && abbreviated != null ? abbreviated
                : full12;
        FuzzHarness.feed(c, FuzzHarness.concat(f.serverFlight()));
        return c;
    }

    /** A fresh server that processed the reference ClientHello (its flight drained) — ExpectClientCertificate12. */
    private static ServerConnection afterClientHello(byte[] hello) throws TlsFailure {
        ServerConnection s = newServer();
        Wire.process(s, hello);
        Wire.drainRecords(s);
        return s;
    }

    /** A replayed client and server after the full reference handshake, all handshake output drained. */
    record Established(ClientConnection client, ServerConnection server) {
    }

    private static Established established() throws TlsFailure {
        ClientConnection client = afterServerFlight(client12);
        Wire.drainRecords(client);
        FuzzHarness.feed(client, FuzzHarness.concat(serverSecondFlight));
        ServerConnection server = afterClientHello(full12.hello());
        FuzzHarness.feed(server, FuzzHarness.concat(clientFlight));
        Wire.drainRecords(server);
        assertTrue(client.isHandshakeComplete() && server.isHandshakeComplete(), "replayed handshake");
        return new Established(client, server);
    }

    // ---- mutation of flights

    /**
     * A third of the time the whole flight mutated as bytes; else one of its records (plaintext
     * handshake records hold one message each) mutated, and mostly reframed so that its decoder sees it.
     */
    private static byte[] mutateFlight(Mutator m, List<byte[]> records, int op) {
        if (m.nextInt(3) == 0) {
            return m.mutate(FuzzHarness.concat(records), op);
        }
        List<byte[]> out = new ArrayList<>(records);
        int target = m.nextInt(out.size());
        byte[] mutated = m.mutate(out.get(target), op);
        out.set(target, m.nextInt(4) == 0 ? mutated : Mutator.reframeRecord(mutated));
        return FuzzHarness.concat(out);
    }

    // ---- the fuzz targets

    @Test
    void mutatedClientHellos() {
        Mutator m = new Mutator(SEED);
        byte[][] hellos = {full12.hello(), full13.hello(), abbreviated.hello()};
        FUZZ.timed("server: ClientHello", CLIENT_HELLO_INPUTS, i -> {
            byte[] mutated = m.mutate(hellos[m.nextInt(hellos.length)], m.nextInt(Mutator.OPERATORS.length));
            byte[] input = m.nextInt(2) == 0 ? mutated : Mutator.reframeRecord(mutated);
            FUZZ.check("server: ClientHello", i, () -> new FuzzHarness.Prepared(newServer(), input));
        });
        assertTrue(FUZZ.total("server: ClientHello: answered, now in ExpectClientCertificate12") > 0);
        assertTrue(FUZZ.total("server: ClientHello: answered, now in ExpectClientChangeCipherSpec") > 0);
    }

    @Test
    void mutatedServerFlights() {
        Mutator m = new Mutator(SEED + 10);
        FUZZ.timed("client: server flight", SERVER_FLIGHT_INPUTS, i -> {
            Flights f = m.nextInt(2) == 0 ? full12 : full13;
            byte[] input = mutateFlight(m, f.serverFlight(), m.nextInt(Mutator.OPERATORS.length));
            FUZZ.check("client: server flight", i, () -> new FuzzHarness.Prepared(afterHello(f.client()), input));
        });
        assertTrue(FUZZ.total("client: server flight: answered, now in ExpectServerChangeCipherSpec") > 0);
    }

    @Test
    void mutatedClientFlights() {
        Mutator m = new Mutator(SEED + 20);
        FUZZ.timed("server: client flight", CLIENT_FLIGHT_INPUTS, i -> {
            boolean onTheWire = m.nextInt(2) == 0;
            int target = m.nextInt(4); // Certificate, ClientKeyExchange, CertificateVerify, Finished
            int op = m.nextInt(Mutator.OPERATORS.length);
            FUZZ.check("server: client flight", i, () -> {
                ServerConnection server = afterClientHello(full12.hello());
                assertEquals("ExpectClientCertificate12", server.stateName());
                if (onTheWire) {
                    return new FuzzHarness.Prepared(server, mutateFlight(m, clientFlight, op));
                }
                ClientConnection client = afterHello(client12);
                client.testHookBeforeHandshakeMessage(FuzzHarness.mutating(client, m, target, op));
                FuzzHarness.feed(client, FuzzHarness.concat(full12.serverFlight()));
                return new FuzzHarness.Prepared(server, FuzzHarness.concat(Wire.drainRecords(client)));
            });
        });
        assertTrue(FUZZ.total("server: client flight: handshake complete") > 0);
    }

    @Test
    void mutatedServerSecondFlights() {
        Mutator m = new Mutator(SEED + 30);
        FUZZ.timed("client: server second flight", SERVER_SECOND_FLIGHT_INPUTS, i -> {
            boolean onTheWire = m.nextInt(2) == 0;
            int target = m.nextInt(2); // NewSessionTicket, Finished
            int op = m.nextInt(Mutator.OPERATORS.length);
            FUZZ.check("client: server second flight", i, () -> {
                ClientConnection client = afterServerFlight(client12);
                Wire.drainRecords(client);
                assertEquals("ExpectServerChangeCipherSpec", client.stateName());
                if (onTheWire) {
                    return new FuzzHarness.Prepared(client, mutateFlight(m, serverSecondFlight, op));
                }
                ServerConnection server = afterClientHello(full12.hello());
                server.testHookBeforeHandshakeMessage(FuzzHarness.mutating(server, m, target, op));
                FuzzHarness.feed(server, FuzzHarness.concat(clientFlight));
                return new FuzzHarness.Prepared(client, FuzzHarness.concat(Wire.drainRecords(server)));
            });
        });
        assertTrue(FUZZ.total("client: server second flight: handshake complete") > 0);
    }

    /** Content types and samples the peer seals under the application keys, before mutation. */
    private static byte[] trafficSample(Mutator m, boolean toClient, int type) {
        return switch (type) {
            case ContentType.HANDSHAKE -> switch (m.nextInt(3)) {
                // The messages the traffic states accept (RFC 5746 §4.2, §4.4: answered with a warning) ...
                case 0 -> toClient ? new HelloRequest().encode() : body(full12.hello());
                // ... and any other message of the handshake.
                default -> body((toClient ? full12.serverFlight() : clientFlight).get(m.nextInt(3)));
            };
            case ContentType.ALERT -> new Alert(m.nextInt(2) + 1, AlertDescription.of(
                    new int[] {0, 10, 20, 40, 90, 100}[m.nextInt(6)])).encode();
            case ContentType.CHANGE_CIPHER_SPEC -> new byte[] {1};
            default -> "data".getBytes();
        };
    }

    private static byte[] body(byte[] record) {
        return Arrays.copyOfRange(record, 5, record.length);
    }

    @Test
    void mutatedTrafficRecords() {
        Mutator m = new Mutator(SEED + 40);
        int[] types = {ContentType.HANDSHAKE, ContentType.HANDSHAKE, ContentType.ALERT, ContentType.CHANGE_CIPHER_SPEC,
            ContentType.APPLICATION_DATA, 24, 0, 255};
        FUZZ.timed("traffic", TRAFFIC_INPUTS, i -> {
            boolean toClient = m.nextInt(2) == 0;
            boolean onTheWire = m.nextInt(3) == 0;
            int type = types[m.nextInt(types.length)];
            int op = m.nextInt(Mutator.OPERATORS.length);
            String target = toClient ? "client: traffic" : "server: traffic";
            FUZZ.check(target, i, () -> {
                Established e = established();
                Connection victim = toClient ? e.client() : e.server();
                Connection peer = toClient ? e.server() : e.client();
                if (onTheWire) {
                    return new FuzzHarness.Prepared(victim, m.mutate(toClient ? serverData : clientData, op));
                }
                // Valid protection, mutated content: reaches the post-handshake checks behind the AEAD.
                peer.testSealRecord(type, m.mutate(trafficSample(m, toClient, type), op));
                return new FuzzHarness.Prepared(victim, FuzzHarness.concat(Wire.drainRecords(peer)));
            });
        });
        assertTrue(FUZZ.total("client: traffic: unexpected_message") > 0);
        assertTrue(FUZZ.total("server: traffic: bad_record_mac") > 0);
    }

    @Test
    void mutatedAbbreviatedHandshakes() {
        Mutator m = new Mutator(SEED + 50);
        FUZZ.timed("abbreviated", ABBREVIATED_INPUTS, i -> {
            boolean toClient = m.nextInt(2) == 0;
            boolean onTheWire = m.nextInt(2) == 0;
            int op = m.nextInt(Mutator.OPERATORS.length);
            if (toClient) {
                int target = m.nextInt(2); // ServerHello, Finished
                FUZZ.check("client: abbreviated", i, () -> {
                    ClientConnection client = afterHello(resumingClient);
                    if (onTheWire) {
                        return new FuzzHarness.Prepared(client, mutateFlight(m, abbreviated.serverFlight(), op));
                    }
                    ServerConnection server = newServer();
                    server.testHookBeforeHandshakeMessage(FuzzHarness.mutating(server, m, target, op));
                    Wire.process(server, abbreviated.hello());
                    return new FuzzHarness.Prepared(client, FuzzHarness.concat(Wire.drainRecords(server)));
                });
            } else {
                FUZZ.check("server: abbreviated", i, () -> {
                    ServerConnection server = afterClientHello(abbreviated.hello());
                    assertEquals("ExpectClientChangeCipherSpec", server.stateName());
                    if (onTheWire) {
                        return new FuzzHarness.Prepared(server, mutateFlight(m, abbreviated.clientReply(), op));
                    }
                    ClientConnection client = afterHello(resumingClient);
                    client.testHookBeforeHandshakeMessage(FuzzHarness.mutating(client, m, 0, op)); // Finished
                    FuzzHarness.feed(client, FuzzHarness.concat(abbreviated.serverFlight()));
                    return new FuzzHarness.Prepared(server, FuzzHarness.concat(Wire.drainRecords(client)));
                });
            }
        });
        assertTrue(FUZZ.total("client: abbreviated: handshake complete") > 0);
        assertTrue(FUZZ.total("server: abbreviated: handshake complete") > 0);
    }
}
