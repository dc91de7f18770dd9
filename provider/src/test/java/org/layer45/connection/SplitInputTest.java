package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.NamedGroup;

/**
 * Issue 2 "must show" 4, connection level: input split at every byte boundary handshakes identically.
 *
 * <p>With deterministic randomness and clock on both sides, a reference run (full handshake with client
 * authentication, a session ticket, application data both ways, KeyUpdate with update_requested, and
 * close_notify both ways) records every flight each side emits. The reruns deliver every flight to the
 * receiver split at each byte boundary, or one byte at a time; the receiver's caller buffers the pieces
 * and calls {@link Connection#processRecord} only when {@link Connection#nextRecordLength} reports a
 * complete record (RFC 8446 §5.1: records may arrive in any fragmentation of the byte stream; the
 * transport is {@link SplitTransport}, shared with {@link Tls12SplitInputTest}). Every flight of every
 * rerun must equal the reference byte for byte, and the exporter values (RFC 8446 §7.5) and the received
 * application data must be the same.
 */
class SplitInputTest {
    private static final CertifiedKey KEY = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final byte[] FROM_CLIENT = "GET / HTTP/1.1\r\nHost: split.test\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM_SERVER = new byte[500]; // sealed in records of at most 200 bytes
    private static final byte[] AFTER_UPDATE = "after key update".getBytes(StandardCharsets.US_ASCII);

    /** Shared by every run: replays repeat the same X25519 and ECDSA operations (see {@link MemoizingBackend}). */
    private static final Map<List<Object>, Object> MEMO = MemoizingBackend.newMemo();

    private static Run reference;

    private static CryptoBackend backend(long seed) {
        return new MemoizingBackend(DefaultCryptoBackend.create(new SeededRandom(seed)), MEMO);
    }

    /** Everything observable about one run. */
    record Run(List<byte[]> flights, byte[] clientExporter, byte[] serverExporter, byte[] clientReceived,
            byte[] serverReceived) {
    }

    @BeforeAll
    static void recordReference() throws TlsFailure {
        for (int i = 0; i < FROM_SERVER.length; i++) {
            FROM_SERVER[i] = (byte) (i * 31);
        }
        reference = run(Splitter.whole());
        assertTrue(reference.flights().size() >= 10, "flights: " + reference.flights().size());
        assertArrayEquals(reference.clientExporter(), reference.serverExporter());
        assertArrayEquals(concat(FROM_SERVER, AFTER_UPDATE), reference.clientReceived());
        assertArrayEquals(concat(FROM_CLIENT, AFTER_UPDATE), reference.serverReceived());
        // The reference itself is reproducible (else "identical" below would prove nothing), also when
        // computed without the memo: the memo changes nothing observable.
        assertSameRun(reference, run(Splitter.whole()));
        MEMO.clear();
        assertSameRun(reference, run(Splitter.whole()));
    }

    /**
     * Two pieces [0,k) and [k,n) for every k of every flight. Run k cuts every flight longer than k at k,
     * so each (flight, k) pair is covered by exactly one run; runs are needed only up to the longest flight.
     */
    @Test
    void everyTwoPieceSplit() throws TlsFailure {
        int longest = reference.flights().stream().mapToInt(f -> f.length).max().orElseThrow();
        assertTrue(longest > 400, "the server flight carries a certificate: " + longest);
        System.out.println("split input: " + (longest - 1) + " two-piece runs over flights of "
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
        assertArrayEquals(expected.clientExporter(), actual.clientExporter(), "client exporter");
        assertArrayEquals(expected.serverExporter(), actual.serverExporter(), "server exporter");
        assertArrayEquals(expected.clientReceived(), actual.clientReceived(), "client received");
        assertArrayEquals(expected.serverReceived(), actual.serverReceived(), "server received");
    }

    /** One deterministic run, every flight delivered in the pieces {@code splitter} chooses. */
    static Run run(Splitter splitter) throws TlsFailure {
        Config server = Config.builder().certificateSelector(CertificateSelector.fixed(KEY))
                .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain()))
                .clientAuth(ClientAuth.REQUIRED).maxTicketsSent(1)
                .groups(List.of(NamedGroup.X25519)).backend(backend(1))
                .clock(CLOCK).build();
        Config client = Config.builder().serverName("split.test").certificateSelector(CertificateSelector.fixed(KEY))
                .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain())).groups(List.of(NamedGroup.X25519))
                .keyShareGroups(List.of(NamedGroup.X25519)).backend(backend(2))
                .clock(CLOCK).build();
        SplitTransport s = new SplitTransport(new ClientConnection(client), new ServerConnection(server), splitter);
        s.client.start();
        s.flight(s.client);                         // ClientHello
        s.flight(s.server);                         // ServerHello .. Finished
        s.flight(s.client);                         // CCS, Certificate, CertificateVerify, Finished
        assertTrue(s.client.isHandshakeComplete() && s.server.isHandshakeComplete(), "handshake complete");
        s.flight(s.server);                         // NewSessionTicket
        s.seal(s.client, FROM_CLIENT);
        s.flight(s.client);
        s.seal(s.server, FROM_SERVER);
        s.flight(s.server);
        s.client.requestKeyUpdate(true);            // RFC 8446 §4.6.3
        s.seal(s.client, AFTER_UPDATE);
        s.flight(s.client);
        s.seal(s.server, AFTER_UPDATE);             // preceded by the answering KeyUpdate
        s.flight(s.server);
        s.client.closeOutbound();
        s.flight(s.client);
        s.server.closeOutbound();
        s.flight(s.server);
        assertTrue(s.client.isInboundClosed() && s.server.isInboundClosed(), "closed both ways");
        byte[] context = "split".getBytes(StandardCharsets.US_ASCII);
        return new Run(s.flights, s.client.exportKeyingMaterial("EXPORTER-layer45-split", context, 32),
                s.server.exportKeyingMaterial("EXPORTER-layer45-split", context, 32),
                s.clientReceived(), s.serverReceived());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
