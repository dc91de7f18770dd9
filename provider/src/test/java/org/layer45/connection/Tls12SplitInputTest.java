package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layer45.connection.SplitTransport.Splitter;
import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.TicketStore;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * The TLS 1.2 counterpart of {@link SplitInputTest}: TLS 1.2 input split at every byte boundary, or
 * delivered one byte at a time, handshakes identically in both roles (RFC 5246 §6.2.1: "multiple client
 * messages of the same ContentType MAY be coalesced into a single TLSPlaintext record, or a single message
 * MAY be fragmented across several records"; the byte stream itself may arrive in any pieces).
 *
 * <p>One deterministic run holds three connections between a TLS 1.2-only server and our clients:
 * <ol>
 * <li>a full handshake of a TLS 1.2-only client with client authentication and a session ticket
 * (ServerHello .. ServerHelloDone; Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec,
 * Finished; NewSessionTicket, ChangeCipherSpec, Finished), application data both ways, close_notify both
 * ways;</li>
 * <li>the abbreviated handshake resuming that session (RFC 5246 §7.3: ServerHello, ChangeCipherSpec,
 * Finished; ChangeCipherSpec, Finished), data, closure;</li>
 * <li>a full handshake of a TLS 1.3 + 1.2 client, which the TLS 1.2 ServerHello switches to its TLS 1.2
 * states (RFC 8446 §4.1.3), data, closure.</li>
 * </ol>
 * Every flight of every rerun must equal the reference byte for byte (so the transcripts and the keys
 * that protect the later records are the same), and so must the RFC 5705 exporter values of both sides,
 * the application data each side received, whether each side resumed, and the handshake messages.
 */
class Tls12SplitInputTest {
    private static final CertifiedKey SERVER = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    /** ECDSA signatures are deterministic here (RFC 6979); RSA-PSS salts would make flights differ. */
    private static final CertifiedKey CLIENT = TestCertificates.get(TestCertificates.Kind.ECDSA_P384);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final byte[] FROM_CLIENT = "GET / HTTP/1.1\r\nHost: split12.test\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM_SERVER = new byte[500]; // sealed in records of at most 200 bytes
    private static final byte[] CONTEXT = "split12".getBytes(StandardCharsets.US_ASCII);

    /** Shared by every run: replays repeat the same X25519 and ECDSA operations. */
    private static final Map<List<Object>, Object> MEMO = MemoizingBackend.newMemo();

    private static Run reference;

    /** What one connection's two ends observed. */
    record Observed(byte[] clientExporter, byte[] serverExporter, byte[] clientReceived, byte[] serverReceived,
            boolean clientResumed, boolean serverResumed, List<Integer> handshakeMessages) {
    }

    /** Everything observable about one run: every flight of its connections, and what each connection saw. */
    record Run(List<byte[]> flights, List<Observed> connections) {
    }

    @BeforeAll
    static void recordReference() throws TlsFailure {
        for (int i = 0; i < FROM_SERVER.length; i++) {
            FROM_SERVER[i] = (byte) (i * 37);
        }
        reference = run(Splitter.whole());
        assertEquals(3, reference.connections().size());
        for (Observed o : reference.connections()) {
            assertArrayEquals(o.clientExporter(), o.serverExporter());
            assertArrayEquals(FROM_SERVER, o.clientReceived());
            assertArrayEquals(FROM_CLIENT, o.serverReceived());
        }
        Observed full = reference.connections().get(0);
        assertFalse(full.clientResumed() || full.serverResumed());
        assertTrue(full.handshakeMessages().containsAll(List.of(HandshakeType.CERTIFICATE_REQUEST,
                HandshakeType.CERTIFICATE_VERIFY, HandshakeType.NEW_SESSION_TICKET)),
                full.handshakeMessages()::toString);
        Observed resumed = reference.connections().get(1);
        assertTrue(resumed.clientResumed() && resumed.serverResumed());
        assertEquals(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO, HandshakeType.FINISHED,
                HandshakeType.FINISHED), resumed.handshakeMessages());
        assertFalse(reference.connections().get(2).clientResumed());
        // Reproducible, also without the memo (else "identical" below would prove nothing).
        assertSameRun(reference, run(Splitter.whole()));
        MEMO.clear();
        assertSameRun(reference, run(Splitter.whole()));
    }

    /**
     * Two pieces [0,k) and [k,n) for every k of every flight: run k cuts every flight longer than k at k,
     * so each (flight, k) pair is covered by exactly one run.
     */
    @Test
    void everyTwoPieceSplit() throws TlsFailure {
        int longest = reference.flights().stream().mapToInt(f -> f.length).max().orElseThrow();
        assertTrue(longest > 400, "the server flight carries a certificate: " + longest);
        System.out.println("tls 1.2 split input: " + (longest - 1) + " two-piece runs over flights of "
                + reference.flights().stream().map(f -> f.length).toList() + " bytes");
        for (int k = 1; k < longest; k++) {
            assertSameRun(reference, run(Splitter.at(k)));
        }
    }

    @Test
    void oneByteAtATime() throws TlsFailure {
        assertSameRun(reference, run(Splitter.oneByteAtATime()));
    }

    private static void assertSameRun(Run expected, Run actual) {
        assertEquals(expected.flights().size(), actual.flights().size(), "number of flights");
        for (int i = 0; i < expected.flights().size(); i++) {
            assertArrayEquals(expected.flights().get(i), actual.flights().get(i), "flight " + i);
        }
        for (int i = 0; i < expected.connections().size(); i++) {
            Observed e = expected.connections().get(i);
            Observed a = actual.connections().get(i);
            String c = "connection " + i + ": ";
            assertArrayEquals(e.clientExporter(), a.clientExporter(), c + "client exporter");
            assertArrayEquals(e.serverExporter(), a.serverExporter(), c + "server exporter");
            assertArrayEquals(e.clientReceived(), a.clientReceived(), c + "client received");
            assertArrayEquals(e.serverReceived(), a.serverReceived(), c + "server received");
            assertEquals(e.clientResumed(), a.clientResumed(), c + "client resumed");
            assertEquals(e.serverResumed(), a.serverResumed(), c + "server resumed");
            assertEquals(e.handshakeMessages(), a.handshakeMessages(), c + "handshake messages");
        }
    }

    private static CryptoBackend backend(long seed) {
        return new MemoizingBackend(DefaultCryptoBackend.create(new SeededRandom(seed)), MEMO);
    }

    /** One deterministic run of the three connections, every flight delivered in the splitter's pieces. */
    static Run run(Splitter splitter) throws TlsFailure {
        Config server = Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS12))
                .certificateSelector(CertificateSelector.fixed(SERVER))
                .peerVerifier(TrustedCertificatesVerifier.pinned(CLIENT.chain())).clientAuth(ClientAuth.REQUIRED)
                .groups(List.of(NamedGroup.X25519)).backend(backend(1)).clock(CLOCK).build();
        // RFC 8422 §5.3: secp256r1 offered for the curve of the server's ECDSA certificate.
        TicketStore tickets = new InMemoryTicketStore();
        Config.Builder client = Config.builder().serverName("split12.test")
                .certificateSelector(CertificateSelector.fixed(CLIENT))
                .peerVerifier(TrustedCertificatesVerifier.pinned(SERVER.chain()))
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).keyShareGroups(List.of(NamedGroup.X25519))
                .backend(backend(2)).clock(CLOCK);
        Config client12 = client.enabledProtocols(List.of(ProtocolVersion.TLS12)).ticketStore(tickets).build();
        Config client13 = client.enabledProtocols(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12))
                .ticketStore(new InMemoryTicketStore()).build();
        List<byte[]> flights = new ArrayList<>();
        List<Observed> observed = new ArrayList<>();
        for (Config c : List.of(client12, client12, client13)) {
            SplitTransport s = new SplitTransport(new ClientConnection(c), new ServerConnection(server), splitter);
            s.client.start();
            while (!(s.client.isHandshakeComplete() && s.server.isHandshakeComplete())) {
                assertTrue(s.flights.size() < 6, "handshake did not complete");
                s.flight(s.flights.size() % 2 == 0 ? s.client : s.server);
            }
            assertEquals(ProtocolVersion.TLS12, s.client.session().version());
            // Full handshake: the server's Finished came last; abbreviated (RFC 5246 §7.3): the client's.
            s.seal(s.client, FROM_CLIENT);
            s.flight(s.client);
            s.seal(s.server, FROM_SERVER);
            s.flight(s.server);
            s.client.closeOutbound();
            s.flight(s.client);
            s.server.closeOutbound();
            s.flight(s.server);
            assertTrue(s.client.isInboundClosed() && s.server.isInboundClosed(), "closed both ways");
            flights.addAll(s.flights);
            observed.add(new Observed(s.client.exportKeyingMaterial("EXPORTER-layer45-split12", CONTEXT, 32),
                    s.server.exportKeyingMaterial("EXPORTER-layer45-split12", CONTEXT, 32), s.clientReceived(),
                    s.serverReceived(), s.client.session().resumed(), s.server.session().resumed(),
                    s.client.session().handshakeMessages()));
        }
        return new Run(flights, observed);
    }
}
