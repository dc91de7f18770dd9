package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.handshake.client.tls13.ClientState;
import org.layer45.handshake.server.tls13.ServerState;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.Certificate13;
import org.layer45.message.CertificateRequest13;
import org.layer45.message.CertificateVerify;
import org.layer45.message.ClientHello;
import org.layer45.message.EncryptedExtensions;
import org.layer45.message.EndOfEarlyData;
import org.layer45.message.Finished;
import org.layer45.message.HandshakeMessage;
import org.layer45.message.HandshakeMessages;
import org.layer45.message.KeyUpdate;
import org.layer45.message.NewSessionTicket13;
import org.layer45.message.ServerHello;
import org.layer45.message.UnknownHandshakeMessage;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.KeyShareClientHello;
import org.layer45.message.extension.KeyShareEntry;
import org.layer45.message.extension.KeyShareServerHello;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedVersionsClient;
import org.layer45.message.extension.SupportedVersionsServer;

/**
 * DESIGN.md §10 / issue 2 "must show" 3: every handshake state of both roles × every handshake message
 * type it must not accept → unexpected_message (RFC 8446 §6.2: "unexpected_message: An inappropriate
 * message (e.g., the wrong handshake message, premature Application Data, etc.) was received"), the
 * only bytes the connection emits afterwards are that one fatal alert, and the connection is terminal.
 *
 * <p>Each cell runs a real in-memory handshake between our {@link ClientConnection} and
 * {@link ServerConnection} up to the state under test, confirmed with {@link Connection#stateName()}.
 * The offending message arrives as it really would: the PEER seals it under its current write
 * protection (plaintext before ServerHello, the handshake traffic keys inside the encrypted flights,
 * the application traffic keys after the handshake) in a record of its own, at the exact point of
 * the peer's flight where the state under test waits, with the sequence number that point has. The
 * peer's {@link Connection#testHookBeforeHandshakeMessage} puts it in front of the message that would
 * move the victim out of the state; after the handshake, {@link Connection#testSealHandshake} sends it.
 *
 * <p>Every body is well-formed for its type (checked by {@link #offendingMessagesDecode}), so the
 * failure comes from the state's type guard, not from the codec.
 */
class StateTableTest {
    private static final CertifiedKey KEY = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);

    /** How the connections are configured to reach a state. */
    enum Setup {
        /** X25519 share sent and accepted, no client authentication. */
        PLAIN,
        /** Client shares only P-256, server wants X25519: HelloRetryRequest (RFC 8446 §4.1.4). */
        HELLO_RETRY,
        /** Server sends CertificateRequest (RFC 8446 §4.3.2), client answers with its certificate. */
        CLIENT_AUTH
    }

    /**
     * One row of the table: a state, who receives in it (the victim), how to reach it, and the handshake
     * message of the peer's flight in front of which the offending message is put (its 1-based
     * occurrence in the peer's sent messages), or 0 for the post-handshake states.
     */
    enum Row {
        CLIENT_EXPECT_SERVER_HELLO(true, "ExpectServerHello", Setup.PLAIN, HandshakeType.SERVER_HELLO, 1),
        CLIENT_EXPECT_SERVER_HELLO_AFTER_HRR(true, "ExpectServerHello", Setup.HELLO_RETRY,
                HandshakeType.SERVER_HELLO, 2),
        CLIENT_EXPECT_ENCRYPTED_EXTENSIONS(true, "ExpectEncryptedExtensions", Setup.PLAIN,
                HandshakeType.ENCRYPTED_EXTENSIONS, 1),
        CLIENT_EXPECT_CERTIFICATE_OR_CERTIFICATE_REQUEST(true, "ExpectCertificateOrCertificateRequest",
                Setup.PLAIN, HandshakeType.CERTIFICATE, 1),
        CLIENT_EXPECT_CERTIFICATE(true, "ExpectCertificate", Setup.CLIENT_AUTH, HandshakeType.CERTIFICATE, 1),
        CLIENT_EXPECT_CERTIFICATE_VERIFY(true, "ExpectCertificateVerify", Setup.PLAIN,
                HandshakeType.CERTIFICATE_VERIFY, 1),
        CLIENT_EXPECT_FINISHED(true, "ExpectFinished", Setup.PLAIN, HandshakeType.FINISHED, 1),
        CLIENT_TRAFFIC(true, "ClientTraffic", Setup.PLAIN, 0, 0),
        SERVER_EXPECT_CLIENT_HELLO(false, "ExpectClientHello", Setup.PLAIN, HandshakeType.CLIENT_HELLO, 1),
        SERVER_EXPECT_SECOND_CLIENT_HELLO(false, "ExpectSecondClientHello", Setup.HELLO_RETRY,
                HandshakeType.CLIENT_HELLO, 2),
        SERVER_EXPECT_CLIENT_CERTIFICATE(false, "ExpectClientCertificate", Setup.CLIENT_AUTH,
                HandshakeType.CERTIFICATE, 1),
        SERVER_EXPECT_CLIENT_CERTIFICATE_VERIFY(false, "ExpectClientCertificateVerify", Setup.CLIENT_AUTH,
                HandshakeType.CERTIFICATE_VERIFY, 1),
        SERVER_EXPECT_CLIENT_FINISHED(false, "ExpectClientFinished", Setup.PLAIN, HandshakeType.FINISHED, 1),
        SERVER_TRAFFIC(false, "ServerTraffic", Setup.PLAIN, 0, 0);

        final boolean clientReceives;
        final String state;
        final Setup setup;
        final int beforeType;
        final int occurrence;

        Row(boolean clientReceives, String state, Setup setup, int beforeType, int occurrence) {
            this.clientReceives = clientReceives;
            this.state = state;
            this.setup = setup;
            this.beforeType = beforeType;
            this.occurrence = occurrence;
        }
    }

    /** The message types of the table's columns: every TLS 1.3 type, TLS 1.2-only types, unassigned ones. */
    static final int[] TYPES = {HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
        HandshakeType.NEW_SESSION_TICKET, HandshakeType.END_OF_EARLY_DATA, HandshakeType.ENCRYPTED_EXTENSIONS,
        HandshakeType.CERTIFICATE, HandshakeType.CERTIFICATE_REQUEST, HandshakeType.CERTIFICATE_VERIFY,
        HandshakeType.FINISHED, HandshakeType.KEY_UPDATE,
        // TLS 1.2 only (RFC 5246 §7.4): never valid in TLS 1.3 (RFC 8446 §4: not in HandshakeType's 1.3 set).
        HandshakeType.HELLO_REQUEST, HandshakeType.SERVER_KEY_EXCHANGE, HandshakeType.SERVER_HELLO_DONE,
        HandshakeType.CLIENT_KEY_EXCHANGE,
        // RFC 8446 §4.4.1: message_hash exists only inside the transcript, never on the wire.
        HandshakeType.MESSAGE_HASH,
        // Unassigned.
        99};

    /**
     * The cells excluded from the table because RFC 8446 lets the state accept the type; everything
     * else must be refused with unexpected_message.
     */
    static final Map<Row, Set<Integer>> ACCEPTED = Map.ofEntries(
            // §4.1.3 / §4.1.4: ServerHello or HelloRetryRequest (a ServerHello) answers the ClientHello.
            Map.entry(Row.CLIENT_EXPECT_SERVER_HELLO, Set.of(HandshakeType.SERVER_HELLO)),
            // §4.1.4: after a HelloRetryRequest the client waits for the ServerHello again.
            Map.entry(Row.CLIENT_EXPECT_SERVER_HELLO_AFTER_HRR, Set.of(HandshakeType.SERVER_HELLO)),
            // §4.3.1: "EncryptedExtensions ... MUST be sent immediately after the ServerHello".
            Map.entry(Row.CLIENT_EXPECT_ENCRYPTED_EXTENSIONS, Set.of(HandshakeType.ENCRYPTED_EXTENSIONS)),
            // §4.3.2 CertificateRequest "if sent, MUST follow EncryptedExtensions"; else §4.4.2 Certificate.
            Map.entry(Row.CLIENT_EXPECT_CERTIFICATE_OR_CERTIFICATE_REQUEST,
                    Set.of(HandshakeType.CERTIFICATE_REQUEST, HandshakeType.CERTIFICATE)),
            // §4.4.2: the server MUST send Certificate when authenticating with a certificate.
            Map.entry(Row.CLIENT_EXPECT_CERTIFICATE, Set.of(HandshakeType.CERTIFICATE)),
            // §4.4.3: CertificateVerify "immediately after the Certificate message".
            Map.entry(Row.CLIENT_EXPECT_CERTIFICATE_VERIFY, Set.of(HandshakeType.CERTIFICATE_VERIFY)),
            // §4.4.4: Finished ends the server flight.
            Map.entry(Row.CLIENT_EXPECT_FINISHED, Set.of(HandshakeType.FINISHED)),
            // §4.6.1 NewSessionTicket and §4.6.3 KeyUpdate may come after the handshake. A post-handshake
            // CertificateRequest is refused: "A client that receives a CertificateRequest message without
            // having sent the "post_handshake_auth" extension MUST send an "unexpected_message" fatal
            // alert" (§4.6.2) — we never send post_handshake_auth.
            Map.entry(Row.CLIENT_TRAFFIC, Set.of(HandshakeType.NEW_SESSION_TICKET, HandshakeType.KEY_UPDATE)),
            // §4.1.2: the handshake starts with ClientHello.
            Map.entry(Row.SERVER_EXPECT_CLIENT_HELLO, Set.of(HandshakeType.CLIENT_HELLO)),
            // §4.1.2: "the client MUST send the same ClientHello ..." in answer to a HelloRetryRequest.
            Map.entry(Row.SERVER_EXPECT_SECOND_CLIENT_HELLO, Set.of(HandshakeType.CLIENT_HELLO)),
            // §4.4.2: "The client MUST send a Certificate message if and only if the server has requested
            // client authentication via a CertificateRequest message".
            Map.entry(Row.SERVER_EXPECT_CLIENT_CERTIFICATE, Set.of(HandshakeType.CERTIFICATE)),
            // §4.4.3: the client's CertificateVerify follows its non-empty Certificate.
            Map.entry(Row.SERVER_EXPECT_CLIENT_CERTIFICATE_VERIFY, Set.of(HandshakeType.CERTIFICATE_VERIFY)),
            // §4.4.4 Finished. EndOfEarlyData (§4.5) only follows accepted 0-RTT, which we never accept.
            Map.entry(Row.SERVER_EXPECT_CLIENT_FINISHED, Set.of(HandshakeType.FINISHED)),
            // §4.6.3 KeyUpdate only: we never send a post-handshake CertificateRequest (§4.6.2), so client
            // Certificate / CertificateVerify / Finished are never due, and clients send no tickets.
            Map.entry(Row.SERVER_TRAFFIC, Set.of(HandshakeType.KEY_UPDATE)));

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Row row : Row.values()) {
            for (int type : TYPES) {
                if (!ACCEPTED.get(row).contains(type)) {
                    out.add(Arguments.of(row, HandshakeType.name(type), type));
                }
            }
        }
        return out.stream();
    }

    // ---- the table

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("cells")
    void refusedWithUnexpectedMessage(Row row, String typeName, int type) throws Exception {
        Exchange x = new Exchange(row, offending(type));
        x.reachState();
        assertEquals(row.state, x.victim.stateName(), "state under test");
        assertFalse(x.victim.hasPendingOutput());

        byte[] record = x.fromPeer.get(x.offendingIndex);
        TlsFailure f = assertThrows(TlsFailure.class, () -> Wire.process(x.victim, record));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert(), f::toString);
        assertEquals(Reason.UNEXPECTED_MESSAGE, f.reason(), f::toString);
        assertSame(f, x.victim.failure());

        // The peer-facing output is exactly one record, the fatal alert, readable by the peer with the
        // keys it has at that point (RFC 8446 §6.2: alerts are protected under the current keys).
        List<byte[]> emitted = Wire.drainRecords(x.victim);
        assertEquals(1, emitted.size(), "records emitted after the failure");
        TlsFailure seen = assertThrows(TlsFailure.class, () -> Wire.process(x.peer, emitted.get(0)));
        assertEquals(Reason.PEER_ALERT, seen.reason(), seen::toString);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, seen.alert());

        // Terminal: every later input or output call rethrows the same failure, nothing more is sent.
        byte[] next = x.fromPeer.get(Math.min(x.offendingIndex + 1, x.fromPeer.size() - 1));
        assertSame(f, assertThrows(TlsFailure.class, () -> Wire.process(x.victim, next)));
        assertSame(f, assertThrows(TlsFailure.class, () -> x.victim.nextRecordLength(ByteBuffer.wrap(next))));
        assertSame(f, assertThrows(TlsFailure.class, () -> x.victim.sealApplicationData(
                new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3})}, 0, 1, ByteBuffer.allocate(1 << 15))));
        assertFalse(x.victim.hasPendingOutput());
        assertTrue(x.victim.isInboundClosed() && x.victim.isOutboundClosed());
    }

    /** The table covers every state type of both roles (the sealed interfaces' permitted classes). */
    @Test
    void everyStateHasARow() {
        Set<String> states = Arrays.stream(Row.values()).map(r -> r.state)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : ClientState.class.getPermittedSubclasses()) {
            declared.add(c.getSimpleName());
        }
        for (Class<?> c : ServerState.class.getPermittedSubclasses()) {
            declared.add(c.getSimpleName());
        }
        assertEquals(declared, states);
        assertEquals(14 * TYPES.length - 16, cells().count());
    }

    /** Every offending body decodes as its own type, so the refusal is the type guard's. */
    @Test
    void offendingMessagesDecode() throws Exception {
        for (int type : TYPES) {
            byte[] encoded = offending(type);
            assertEquals(type, encoded[0] & 0xFF);
            byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
            assertEquals(body.length, ((encoded[1] & 0xFF) << 16) | ((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF));
            HandshakeMessage m = HandshakeMessages.decode13(type, body);
            assertEquals(type, m.type());
            // The first ten columns are the TLS 1.3 types, decoded to their records; the rest stay unknown.
            boolean tls13 = Arrays.stream(TYPES).limit(10).anyMatch(t -> t == type);
            assertEquals(!tls13, m instanceof UnknownHandshakeMessage, HandshakeType.name(type));
        }
    }

    /** The accepted cells really are accepted in the table's flows (the exclusions are not too broad). */
    @Test
    void acceptedTypesMatchTheFlows() throws Exception {
        for (Row row : Row.values()) {
            if (row.beforeType != 0) {
                assertTrue(ACCEPTED.get(row).contains(row.beforeType), row::name);
            }
        }
    }

    // ---- offending messages: well-formed bodies of each type

    static byte[] offending(int type) {
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0x5A);
        byte[] share = new byte[32];
        Arrays.fill(share, (byte) 9);
        HandshakeMessage m = switch (type) {
            case HandshakeType.CLIENT_HELLO -> new ClientHello(ProtocolVersion.TLS12, random, new byte[0],
                    List.of(CipherSuite.TLS_AES_128_GCM_SHA256), new byte[] {0}, Extensions.of(
                            new SupportedVersionsClient(List.of(ProtocolVersion.TLS13)).toExtension(),
                            new KeyShareClientHello(List.of(new KeyShareEntry(NamedGroup.X25519, share)))
                                    .toExtension()));
            case HandshakeType.SERVER_HELLO -> new ServerHello(ProtocolVersion.TLS12, random, new byte[0],
                    CipherSuite.TLS_AES_128_GCM_SHA256, 0, Extensions.of(
                            new SupportedVersionsServer(ProtocolVersion.TLS13).toExtension(),
                            new KeyShareServerHello(new KeyShareEntry(NamedGroup.X25519, share)).toExtension()));
            case HandshakeType.NEW_SESSION_TICKET -> new NewSessionTicket13(3600, 7, new byte[] {0},
                    new byte[] {1, 2, 3, 4}, Extensions.EMPTY);
            case HandshakeType.END_OF_EARLY_DATA -> new EndOfEarlyData();
            case HandshakeType.ENCRYPTED_EXTENSIONS -> new EncryptedExtensions(Extensions.EMPTY);
            case HandshakeType.CERTIFICATE -> new Certificate13(new byte[0],
                    List.of(new Certificate13.Entry(encodedCertificate())));
            case HandshakeType.CERTIFICATE_REQUEST -> new CertificateRequest13(new byte[0], Extensions.of(
                    new SignatureAlgorithms(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256))
                            .toExtension(ExtensionType.SIGNATURE_ALGORITHMS)));
            case HandshakeType.CERTIFICATE_VERIFY -> new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256,
                    new byte[72]);
            case HandshakeType.FINISHED -> new Finished(new byte[32]);
            case HandshakeType.KEY_UPDATE -> new KeyUpdate(false);
            // RFC 5246 §7.4.3 ServerKeyExchange (ECDHE, RFC 8422 §5.4): named_curve x25519, point, signature.
            case HandshakeType.SERVER_KEY_EXCHANGE -> new UnknownHandshakeMessage(type, concat(
                    new byte[] {3, 0, 0x1d, 32}, share, new byte[] {4, 3, 0, 2, 0, 0}));
            // RFC 8422 §5.7 ClientKeyExchange: opaque ecdh_Yc<1..2^8-1>.
            case HandshakeType.CLIENT_KEY_EXCHANGE -> new UnknownHandshakeMessage(type, concat(new byte[] {32}, share));
            // HelloRequest and ServerHelloDone have empty bodies (RFC 5246 §7.4.1.1, §7.4.5).
            case HandshakeType.HELLO_REQUEST, HandshakeType.SERVER_HELLO_DONE ->
                    new UnknownHandshakeMessage(type, new byte[0]);
            case HandshakeType.MESSAGE_HASH -> new UnknownHandshakeMessage(type, new byte[32]);
            default -> new UnknownHandshakeMessage(type, new byte[] {1, 2, 3});
        };
        return m.encode();
    }

    private static byte[] encodedCertificate() {
        try {
            return KEY.chain().get(0).getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    // ---- driving a handshake to a state

    /**
     * A client and a server, one of them the victim (receiving in the state under test), the other the
     * peer that sends the offending message. Every record the peer sends is kept in {@link #fromPeer};
     * the victim's records go straight to the peer.
     */
    static final class Exchange {
        final Row row;
        final byte[] offending;
        final ClientConnection client;
        final ServerConnection server;
        final Connection victim;
        final Connection peer;
        final List<byte[]> fromPeer = new ArrayList<>();
        int offendingIndex = -1;
        private int delivered;
        private int seen;

        Exchange(Row row, byte[] offending) {
            this.row = row;
            this.offending = offending;
            Config.Builder s = Config.builder().certificateSelector(CertificateSelector.fixed(KEY))
                    .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain()))
                    .groups(List.of(NamedGroup.X25519));
            Config.Builder c = Config.builder().serverName("table.test")
                    .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain()))
                    .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                    .keyShareGroups(List.of(NamedGroup.X25519));
            switch (row.setup) {
                case HELLO_RETRY -> c.keyShareGroups(List.of(NamedGroup.SECP256R1));
                case CLIENT_AUTH -> {
                    s.clientAuth(ClientAuth.REQUIRED);
                    c.certificateSelector(CertificateSelector.fixed(KEY));
                }
                case PLAIN -> { }
            }
            client = new ClientConnection(c.build());
            server = new ServerConnection(s.build());
            victim = row.clientReceives ? client : server;
            peer = row.clientReceives ? server : client;
            if (row.beforeType != 0) {
                peer.testHookBeforeHandshakeMessage(this::beforePeerMessage);
            }
        }

        /**
         * Runs the handshake until the victim has everything the peer sent before the offending
         * record (or, for the traffic states, until the handshake is over and then seals it).
         */
        void reachState() throws TlsFailure {
            client.start();
            for (int round = 0; ; round++) {
                assertTrue(round < 50, "handshake did not settle");
                boolean moved = false;
                fromPeer.addAll(Wire.drainRecords(peer));
                while (delivered < fromPeer.size() && (offendingIndex < 0 || delivered < offendingIndex)) {
                    Wire.process(victim, fromPeer.get(delivered++));
                    moved = true;
                }
                for (byte[] r : Wire.drainRecords(victim)) {
                    Wire.process(peer, r);
                    moved = true;
                }
                if (!moved && !peer.hasPendingOutput()) {
                    break;
                }
            }
            if (row.beforeType == 0) {
                assertTrue(client.isHandshakeComplete() && server.isHandshakeComplete(), "handshake complete");
                assertEquals(fromPeer.size(), delivered);
                offendingIndex = fromPeer.size();
                peer.testSealHandshake(offending);
                fromPeer.addAll(Wire.drainRecords(peer));
                assertEquals(offendingIndex + 1, fromPeer.size());
            }
            assertTrue(offendingIndex >= 0, "the peer never reached the injection point");
            assertEquals(offendingIndex, delivered);
        }

        /**
         * The peer's hook: every handshake message gets a record of its own (so the victim can be
         * stopped between messages), and the offending message goes in front of the chosen one.
         */
        private void beforePeerMessage(byte[] encoded) {
            try {
                peer.testSealHandshake(new byte[0]);
                fromPeer.addAll(Wire.drainRecords(peer));
                // The occurrence proves the post-HelloRetryRequest rows: the second ServerHello or
                // ClientHello exists only after a HelloRetryRequest (RFC 8446 §4.1.4).
                if ((encoded[0] & 0xFF) == row.beforeType && ++seen == row.occurrence) {
                    offendingIndex = fromPeer.size();
                    peer.testSealHandshake(offending);
                    fromPeer.addAll(Wire.drainRecords(peer));
                }
            } catch (TlsFailure f) {
                throw new IllegalStateException("sealing the injected message failed", f);
            }
        }
    }
}
