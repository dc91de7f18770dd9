package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.PeerVerifier;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;

/** HRR, client authentication, resumption, KeyUpdate, closure, tampering and alerts. */
class FeaturesTest {
    private static final CertifiedKey SERVER = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final CertifiedKey CLIENT = TestCertificates.get(TestCertificates.Kind.ED25519);

    private static Config.Builder server() {
        return Config.builder().certificateSelector(CertificateSelector.fixed(SERVER))
                .peerVerifier(TrustedCertificatesVerifier.pinned(List.of(CLIENT.chain().get(0))));
    }

    private static Config.Builder client() {
        return Config.builder().serverName("example.test")
                .peerVerifier(TrustedCertificatesVerifier.pkix(List.of(SERVER.chain().get(0))));
    }

    private static void assertOk(Pump p) {
        assertNull(p.clientSide.failure, () -> "client: " + p.clientSide.failure);
        assertNull(p.serverSide.failure, () -> "server: " + p.serverSide.failure);
        assertTrue(p.client.isHandshakeComplete() && p.server.isHandshakeComplete());
    }

    private static void exchange(Pump p) throws TlsFailure {
        p.send(p.client, "ping".getBytes());
        p.send(p.server, "pong".getBytes());
        p.run();
        assertArrayEquals("ping".getBytes(), p.serverSide.takeReceived());
        assertArrayEquals("pong".getBytes(), p.clientSide.takeReceived());
    }

    @Test
    void helloRetryRequest() throws Exception {
        Pump p = new Pump(client().keyShareGroups(List.of(NamedGroup.X25519)).build(),
                server().groups(List.of(NamedGroup.SECP256R1)).build()).handshake();
        assertOk(p);
        assertEquals(NamedGroup.SECP256R1, p.client.session().group());
        assertEquals(HandshakeType.MESSAGE_HASH, (int) p.client.session().handshakeMessages().get(0));
        exchange(p);
    }

    @Test
    void helloRetryWithoutCompatibilityMode() throws Exception {
        Pump p = new Pump(client().keyShareGroups(List.of(NamedGroup.X25519)).middleboxCompatibility(false).build(),
                server().groups(List.of(NamedGroup.SECP384R1)).build()).handshake();
        assertOk(p);
        exchange(p);
    }

    @Test
    void clientAuthRequired() throws Exception {
        Pump p = new Pump(client().certificateSelector(CertificateSelector.fixed(CLIENT)).build(),
                server().clientAuth(ClientAuth.REQUIRED).build()).handshake();
        assertOk(p);
        assertEquals(CLIENT.chain(), p.server.session().peerCertificates());
        assertEquals(CLIENT.chain(), p.client.session().localCertificates());
        exchange(p);
    }

    @Test
    void clientAuthOptionalWithoutCertificate() throws Exception {
        Pump p = new Pump(client().build(), server().clientAuth(ClientAuth.OPTIONAL).build()).handshake();
        assertOk(p);
        assertTrue(p.server.session().peerCertificates().isEmpty());
        exchange(p);
    }

    @Test
    void clientAuthRequiredButEmpty() throws Exception {
        Pump p = new Pump(client().build(), server().clientAuth(ClientAuth.REQUIRED).build()).handshake();
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, p.server.failure().alert());
        assertEquals(Reason.PEER_ALERT, p.clientSide.failure.reason());
        assertEquals(AlertDescription.CERTIFICATE_REQUIRED, p.clientSide.failure.alert());
    }

    @Test
    void resumptionWithTicketIsSingleUse() throws Exception {
        InMemoryTicketStore store = new InMemoryTicketStore();
        Config serverConfig = server().build();
        Config clientConfig = client().ticketStore(store).build();
        Pump first = new Pump(clientConfig, serverConfig).handshake();
        assertOk(first);
        assertEquals(2, store.count("example.test"));
        assertFalse(first.client.session().resumed());

        Pump second = new Pump(clientConfig, serverConfig).handshake();
        assertOk(second);
        assertTrue(second.client.session().resumed());
        assertTrue(second.server.session().resumed());
        assertFalse(second.client.session().handshakeMessages().contains(HandshakeType.CERTIFICATE));
        assertFalse(second.server.session().handshakeMessages().contains(HandshakeType.CERTIFICATE));
        assertEquals(SERVER.chain(), second.client.session().peerCertificates());
        exchange(second);
        // One ticket was taken, two new arrived: the used one is gone for good.
        assertEquals(3, store.count("example.test"));
    }

    @Test
    void ticketFromAnotherHashFallsBackToFullHandshake() throws Exception {
        InMemoryTicketStore store = new InMemoryTicketStore();
        Config serverConfig = server().build();
        Pump first = new Pump(client().ticketStore(store).cipherSuites(List.of(CipherSuite.TLS_AES_256_GCM_SHA384))
                .build(), serverConfig).handshake();
        assertOk(first);
        Pump second = new Pump(client().ticketStore(store).build(),
                server().ticketKeys(serverConfig.ticketKeys()).cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                        .build()).handshake();
        assertOk(second);
        assertFalse(second.client.session().resumed());
    }

    @Test
    void ticketFromAnotherServerFallsBackToFullHandshake() throws Exception {
        InMemoryTicketStore store = new InMemoryTicketStore();
        Pump first = new Pump(client().ticketStore(store).build(), server().build()).handshake();
        assertOk(first);
        Pump second = new Pump(client().ticketStore(store).build(), server().build()).handshake();
        assertOk(second);
        assertFalse(second.server.session().resumed());
    }

    @Test
    void keyUpdateBothDirections() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        assertOk(p);
        p.client.requestKeyUpdate(true);
        p.run();
        exchange(p);
        p.server.requestKeyUpdate(false);
        p.run();
        exchange(p);
        p.server.requestKeyUpdate(true);
        p.client.requestKeyUpdate(true);
        p.run();
        exchange(p);
        assertOk(p);
        List<ConnectionEvent> events = drain(p.client);
        assertTrue(events.stream().filter(e -> e instanceof ConnectionEvent.KeyUpdated k && k.read()).count() >= 3);
    }

    /**
     * DESIGN.md §6: once the handshake completes, a connection lets go of its Config (lists and
     * callbacks) and holds no queued output or events; tickets arriving later are still filed,
     * KeyUpdate and the exporter still work.
     */
    @Test
    void establishedConnectionsReleaseTheHandshakeConfig() throws Exception {
        InMemoryTicketStore tickets = new InMemoryTicketStore();
        Pump p = new Pump(client().ticketStore(tickets).build(), server().build()).handshake();
        assertOk(p);
        drain(p.client);
        drain(p.server);
        for (Connection c : List.of(p.client, p.server)) {
            assertThrows(IllegalStateException.class, c::config);
            assertFalse(c.hasPendingOutput());
            assertNull(c.pollEvent());
        }
        assertNotNull(tickets.take("example.test"), "a ticket that came after the handshake was filed");
        p.client.requestKeyUpdate(true);
        p.run();
        exchange(p);
        assertArrayEquals(p.client.exportKeyingMaterial("EXPORTER-test", null, 32),
                p.server.exportKeyingMaterial("EXPORTER-test", null, 32));
        assertOk(p);
    }

    @Test
    void closeNotifyAndHalfClose() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        p.client.closeOutbound();
        p.run();
        assertTrue(p.client.isOutboundClosed());
        assertTrue(p.server.isInboundClosed());
        assertTrue(drain(p.server).stream().anyMatch(e -> e instanceof ConnectionEvent.PeerClosed));
        // Half-close: the server may still send, the client still receives.
        p.send(p.server, "after close".getBytes());
        assertArrayEquals("after close".getBytes(), p.clientSide.takeReceived());
        assertThrows(IllegalStateException.class,
                () -> p.client.sealApplicationData(new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, 1,
                        ByteBuffer.allocate(1000)));
        p.server.closeOutbound();
        p.run();
        assertTrue(p.client.isInboundClosed());
        assertNull(p.client.failure());
        assertNull(p.server.failure());
    }

    @Test
    void tamperedRecordIsBadRecordMacAndTerminal() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        ByteBuffer net = ByteBuffer.allocate(p.client.maxSealedRecordSize());
        p.client.sealApplicationData(new ByteBuffer[] {ByteBuffer.wrap("secret".getBytes())}, 0, 1, net);
        net.flip();
        net.put(net.limit() - 3, (byte) (net.get(net.limit() - 3) ^ 1));
        TlsFailure f = assertThrows(TlsFailure.class, () -> p.server.processRecord(net, ByteBuffer.allocate(1 << 15)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, f.alert());
        assertSame(f, p.server.failure());
        assertSame(f, assertThrows(TlsFailure.class,
                () -> p.server.processRecord(ByteBuffer.allocate(10), ByteBuffer.allocate(10))));
        assertSame(f, assertThrows(TlsFailure.class, () -> p.server.sealApplicationData(
                new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, 1, ByteBuffer.allocate(1000))));
        p.run();
        assertEquals(Reason.PEER_ALERT, p.clientSide.failure.reason());
        assertEquals(AlertDescription.BAD_RECORD_MAC, p.clientSide.failure.alert());
    }

    @Test
    void untrustedServerGetsAlert() throws Exception {
        Pump p = new Pump(client().peerVerifier(PeerVerifier.rejectAll()).build(), server().build()).handshake();
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, p.client.failure().alert());
        assertEquals(Reason.PEER_ALERT, p.serverSide.failure.reason());
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, p.serverSide.failure.alert());
    }

    @Test
    void noCommonSuiteIsHandshakeFailure() throws Exception {
        Pump p = new Pump(client().cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256)).build(),
                server().cipherSuites(List.of(CipherSuite.TLS_AES_256_GCM_SHA384)).build()).handshake();
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.server.failure().alert());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.clientSide.failure.alert());
        assertEquals(Reason.PEER_ALERT, p.client.failure().reason());
    }

    @Test
    void alpnNegotiated() throws Exception {
        Pump p = new Pump(client().alpnProtocols(List.of("h2", "http/1.1")).build(),
                server().alpnProtocols(List.of("http/1.1")).build()).handshake();
        assertOk(p);
        assertEquals("http/1.1", p.client.session().alpn());
        Pump q = new Pump(client().alpnProtocols(List.of("h2")).build(),
                server().alpnProtocols(List.of("http/1.1")).build()).handshake();
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, q.server.failure().alert());
    }

    /**
     * Found against SunJSSE 17 / 25, which sends a compatibility CCS after its HelloRetryRequest and
     * again after its ServerHello: RFC 8446 §5 says drop it "at any time" before the peer's Finished.
     */
    @Test
    void changeCipherSpecAfterHelloRetryRequestAndAgainAfterServerHelloIsDropped() throws Exception {
        Pump p = new Pump(client().build(), server().groups(List.of(NamedGroup.SECP384R1)).build());
        p.client.start();
        relay(p.client, p.server); // ClientHello (no secp384r1 share)
        relay(p.server, p.client); // HelloRetryRequest + CCS
        ByteBuffer ccs = ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1});
        p.client.processRecord(ccs, ByteBuffer.allocate(100)); // the second CCS, before the ServerHello
        assertNull(p.client.failure());
        p.run();
        assertOk(p);
        assertEquals(NamedGroup.SECP384R1, p.client.session().group());
    }

    /** Moves every pending record of {@code from} into {@code to}. */
    private static void relay(Connection from, Connection to) throws TlsFailure {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        from.drainPendingOutput(net);
        net.flip();
        while (net.hasRemaining()) {
            to.processRecord(net, ByteBuffer.allocate(1 << 15));
        }
    }

    @Test
    void secondCcsIsUnexpected() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        ByteBuffer ccs = ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1});
        TlsFailure f = assertThrows(TlsFailure.class, () -> p.server.processRecord(ccs, ByteBuffer.allocate(100)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
        assertNotNull(p.server.failure());
    }

    @Test
    void runOfEmptyRecordsIsCappedAndDataResetsTheCount() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        assertOk(p);
        drain(p.server);
        for (int round = 0; round < 3; round++) { // 32 empty records, then data: never refused
            for (int i = 0; i < Connection.MAX_IDLE_RECORDS; i++) {
                p.client.testSealRecord(org.layer45.iana.ContentType.APPLICATION_DATA, new byte[0]);
            }
            p.run();
            exchange(p);
        }
        assertOk(p);
        for (int i = 0; i <= Connection.MAX_IDLE_RECORDS; i++) {
            p.client.testSealRecord(org.layer45.iana.ContentType.APPLICATION_DATA, new byte[0]);
        }
        p.run();
        assertEquals(Reason.TOO_MANY_EMPTY_RECORDS, p.server.failure().reason());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, p.server.failure().alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, p.clientSide.failure.alert());
    }

    @Test
    void runOfUserCanceledWarningsIsCapped() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        for (int i = 0; i <= Connection.MAX_IDLE_RECORDS; i++) {
            p.server.testSealRecord(org.layer45.iana.ContentType.ALERT, new byte[] {1, 90}); // warning user_canceled
        }
        p.run();
        assertEquals(Reason.TOO_MANY_EMPTY_RECORDS, p.client.failure().reason());
    }

    /** RFC 8446 §6.2: once TLS 1.3 is negotiated, a warning-level alert other than user_canceled is fatal. */
    @Test
    void warningAlertIsFatalInTls13() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        assertOk(p);
        p.server.testSealRecord(org.layer45.iana.ContentType.ALERT, new byte[] {1, 112}); // warning unrecognized_name
        p.run();
        assertEquals(AlertDescription.UNRECOGNIZED_NAME, p.client.failure().alert());
        assertEquals(Reason.PEER_ALERT, p.client.failure().reason());
    }

    static List<ConnectionEvent> drain(Connection c) {
        List<ConnectionEvent> out = new ArrayList<>();
        for (ConnectionEvent e; (e = c.pollEvent()) != null; ) {
            out.add(e);
        }
        return out;
    }
}
