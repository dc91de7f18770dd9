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
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.handshake.client.tls12.Client12State;
import org.layer45.handshake.server.tls12.Server12State;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ContentType;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.Certificate12;
import org.layer45.message.CertificateRequest12;
import org.layer45.message.CertificateStatus;
import org.layer45.message.CertificateVerify;
import org.layer45.message.ClientHello;
import org.layer45.message.ClientKeyExchange;
import org.layer45.message.Finished;
import org.layer45.message.HandshakeMessage;
import org.layer45.message.HandshakeMessages12;
import org.layer45.message.HelloRequest;
import org.layer45.message.NewSessionTicket12;
import org.layer45.message.RawHandshake;
import org.layer45.message.ServerHello;
import org.layer45.message.ServerHelloDone;
import org.layer45.message.ServerKeyExchange;
import org.layer45.message.UnknownHandshakeMessage;
import org.layer45.message.extension.Extensions;

/**
 * The TLS 1.2 state table, as {@link StateTableTest} is for TLS 1.3: every TLS 1.2 handshake state of
 * both roles × every handshake message type it must not accept (and ChangeCipherSpec) →
 * unexpected_message (RFC 5246 §7.2.2: "An inappropriate message was received"), the only bytes the
 * connection emits afterwards are that one fatal alert, readable by the peer, and the connection is
 * terminal. A second table sends each state a malformed form of every message it does accept →
 * decode_error (RFC 5246 §7.2.2: "the length of the message was incorrect"; decrypt_error for a short
 * Finished), with the same terminal checks.
 *
 * <p>Each cell runs a real in-memory TLS 1.2 handshake between our {@link ClientConnection} and
 * {@link ServerConnection} up to the state under test, confirmed with {@link Connection#stateName()}.
 * The offending message arrives as it really would: the PEER seals it under its current write
 * protection, in a record of its own, at the exact point of its flight where the state under test
 * waits. In TLS 1.2 that protection is plaintext until the peer's ChangeCipherSpec, and the new keys
 * from then on (RFC 5246 §7.1): so the states that read protected records (ExpectServerFinished12,
 * ClientTraffic12, ExpectClientFinished12, ServerTraffic12) get every type sealed under the real keys
 * with the right sequence number, and decrypt it before the type guard refuses it (each such record is
 * checked to carry the AEAD's overhead). The peer's {@link Connection#testHookBeforeHandshakeMessage}
 * puts the offending record in front of the message that would move the victim out of the state; in
 * front of the peer's ChangeCipherSpec it goes as the plaintext record the peer would write there; after
 * the handshake {@link Connection#testSealHandshake} sends it.
 *
 * <p>Every offending body is well-formed for its type (checked by {@link #offendingMessagesDecode}), so
 * the refusal comes from the state's type guard, not from the codec.
 */
class Tls12UnexpectedMessageTest {
    private static final CertifiedKey SERVER = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final CertifiedKey CLIENT = TestCertificates.get(TestCertificates.Kind.ECDSA_P384);
    /** One suite, so that the overhead of a protected record is known: 8-byte explicit nonce + 16-byte tag. */
    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final int AEAD_OVERHEAD = 8 + 16; // RFC 5288 §3

    /** Columns besides the handshake types: a ChangeCipherSpec the peer seals, and a plaintext one. */
    static final int CCS_SEALED = -1;
    static final int CCS_PLAINTEXT = -2;
    /** Row triggers besides the handshake types. */
    static final int BEFORE_CHANGE_CIPHER_SPEC = -1;
    static final int AFTER_HANDSHAKE = -2;

    /** How the connections are configured to reach a state. */
    enum Setup {
        /** Client authentication required (RFC 5246 §7.4.4) and a session ticket (RFC 5077 §3.3). */
        FULL,
        /** No CertificateRequest, no ticket. */
        PLAIN,
        /** The abbreviated handshake (RFC 5246 §7.3) resuming the session of a first FULL handshake. */
        RESUMED
    }

    /**
     * One row: a state, who receives in it (the victim), how to reach it, the peer's handshake message
     * (or ChangeCipherSpec) in front of which the offending record goes, whether the state reads
     * protected records, and the types RFC 5246 lets it accept — everything else must be refused.
     */
    enum Row {
        // §7.4.1.3: the ClientHello is answered by a ServerHello.
        CLIENT_EXPECT_SERVER_HELLO(true, "ExpectServerHello12", Setup.FULL, HandshakeType.SERVER_HELLO, false,
                HandshakeType.SERVER_HELLO),
        // §7.4.2: "The server MUST send a Certificate message whenever the agreed-upon key exchange method
        // uses certificates for authentication" (ECDHE_ECDSA does).
        CLIENT_EXPECT_SERVER_CERTIFICATE(true, "ExpectServerCertificate12", Setup.FULL, HandshakeType.CERTIFICATE,
                false, HandshakeType.CERTIFICATE),
        // §7.4.3 and RFC 8422 §5.4: ECDHE always sends ServerKeyExchange.
        CLIENT_EXPECT_SERVER_KEY_EXCHANGE(true, "ExpectServerKeyExchange", Setup.FULL,
                HandshakeType.SERVER_KEY_EXCHANGE, false, HandshakeType.SERVER_KEY_EXCHANGE),
        // §7.4.4 CertificateRequest, "if it is sent", follows ServerKeyExchange; else §7.4.5 ServerHelloDone.
        CLIENT_EXPECT_CERTIFICATE_REQUEST_OR_DONE(true, "ExpectCertificateRequestOrDone", Setup.FULL,
                HandshakeType.CERTIFICATE_REQUEST, false, HandshakeType.CERTIFICATE_REQUEST,
                HandshakeType.SERVER_HELLO_DONE),
        CLIENT_EXPECT_CERTIFICATE_REQUEST_OR_DONE_UNREQUESTED(true, "ExpectCertificateRequestOrDone", Setup.PLAIN,
                HandshakeType.SERVER_HELLO_DONE, false, HandshakeType.CERTIFICATE_REQUEST,
                HandshakeType.SERVER_HELLO_DONE),
        // §7.4.5: ServerHelloDone ends the server's hello phase.
        CLIENT_EXPECT_SERVER_HELLO_DONE(true, "ExpectServerHelloDone", Setup.FULL, HandshakeType.SERVER_HELLO_DONE,
                false, HandshakeType.SERVER_HELLO_DONE),
        // RFC 5077 §3.3: NewSessionTicket, promised in the ServerHello, comes before ChangeCipherSpec ...
        CLIENT_EXPECT_SERVER_CHANGE_CIPHER_SPEC(true, "ExpectServerChangeCipherSpec", Setup.FULL,
                HandshakeType.NEW_SESSION_TICKET, false, HandshakeType.NEW_SESSION_TICKET, CCS_SEALED),
        // ... once; and "MUST NOT be sent if the server did not include a SessionTicket extension in the
        // ServerHello" (none is promised when resuming, ServerHandshake12.serverHello).
        CLIENT_EXPECT_SERVER_CHANGE_CIPHER_SPEC_AFTER_TICKET(true, "ExpectServerChangeCipherSpec", Setup.FULL,
                BEFORE_CHANGE_CIPHER_SPEC, false, CCS_SEALED),
        CLIENT_EXPECT_SERVER_CHANGE_CIPHER_SPEC_UNPROMISED(true, "ExpectServerChangeCipherSpec", Setup.PLAIN,
                BEFORE_CHANGE_CIPHER_SPEC, false, CCS_SEALED),
        CLIENT_EXPECT_SERVER_CHANGE_CIPHER_SPEC_RESUMED(true, "ExpectServerChangeCipherSpec", Setup.RESUMED,
                BEFORE_CHANGE_CIPHER_SPEC, false, CCS_SEALED),
        // §7.4.9: "A Finished message is always sent immediately after a change cipher spec message".
        CLIENT_EXPECT_SERVER_FINISHED(true, "ExpectServerFinished12", Setup.FULL, HandshakeType.FINISHED, true,
                HandshakeType.FINISHED),
        CLIENT_EXPECT_SERVER_FINISHED_RESUMED(true, "ExpectServerFinished12", Setup.RESUMED, HandshakeType.FINISHED,
                true, HandshakeType.FINISHED),
        // §7.4.1.1 HelloRequest "MAY be sent by the server at any time"; refused with a no_renegotiation
        // warning (RFC 5746 §4.2).
        CLIENT_TRAFFIC(true, "ClientTraffic12", Setup.FULL, AFTER_HANDSHAKE, true, HandshakeType.HELLO_REQUEST),
        // §7.4.6: the client's Certificate answers a CertificateRequest, first in its flight.
        SERVER_EXPECT_CLIENT_CERTIFICATE(false, "ExpectClientCertificate12", Setup.FULL, HandshakeType.CERTIFICATE,
                false, HandshakeType.CERTIFICATE),
        // §7.4.7: "It MUST immediately follow the client certificate message, if it is sent. Otherwise, it
        // MUST be the first message sent by the client after it receives the ServerHelloDone".
        SERVER_EXPECT_CLIENT_KEY_EXCHANGE(false, "ExpectClientKeyExchange", Setup.FULL,
                HandshakeType.CLIENT_KEY_EXCHANGE, false, HandshakeType.CLIENT_KEY_EXCHANGE),
        SERVER_EXPECT_CLIENT_KEY_EXCHANGE_UNREQUESTED(false, "ExpectClientKeyExchange", Setup.PLAIN,
                HandshakeType.CLIENT_KEY_EXCHANGE, false, HandshakeType.CLIENT_KEY_EXCHANGE),
        // §7.4.8: CertificateVerify follows a client certificate with signing capability.
        SERVER_EXPECT_CLIENT_CERTIFICATE_VERIFY(false, "ExpectClientCertificateVerify12", Setup.FULL,
                HandshakeType.CERTIFICATE_VERIFY, false, HandshakeType.CERTIFICATE_VERIFY),
        // §7.3: then the client's ChangeCipherSpec (in both the full and the abbreviated handshake).
        SERVER_EXPECT_CLIENT_CHANGE_CIPHER_SPEC(false, "ExpectClientChangeCipherSpec", Setup.FULL,
                BEFORE_CHANGE_CIPHER_SPEC, false, CCS_SEALED),
        SERVER_EXPECT_CLIENT_CHANGE_CIPHER_SPEC_RESUMED(false, "ExpectClientChangeCipherSpec", Setup.RESUMED,
                BEFORE_CHANGE_CIPHER_SPEC, false, CCS_SEALED),
        // §7.4.9: Finished immediately after ChangeCipherSpec.
        SERVER_EXPECT_CLIENT_FINISHED(false, "ExpectClientFinished12", Setup.FULL, HandshakeType.FINISHED, true,
                HandshakeType.FINISHED),
        SERVER_EXPECT_CLIENT_FINISHED_RESUMED(false, "ExpectClientFinished12", Setup.RESUMED, HandshakeType.FINISHED,
                true, HandshakeType.FINISHED),
        // RFC 5746 §4.4: a renegotiating ClientHello gets a no_renegotiation warning.
        SERVER_TRAFFIC(false, "ServerTraffic12", Setup.FULL, AFTER_HANDSHAKE, true, HandshakeType.CLIENT_HELLO);

        final boolean clientReceives;
        final String state;
        final Setup setup;
        final int trigger;
        final boolean protectedReads;
        final Set<Integer> accepted;

        Row(boolean clientReceives, String state, Setup setup, int trigger, boolean protectedReads,
                Integer... accepted) {
            this.clientReceives = clientReceives;
            this.state = state;
            this.setup = setup;
            this.trigger = trigger;
            this.protectedReads = protectedReads;
            this.accepted = Set.of(accepted);
        }
    }

    /**
     * The columns: every TLS 1.2 handshake type (RFC 5246 §7.4, RFC 5077 §3.3), types of other versions and
     * extensions that never belong in our TLS 1.2 handshake, an unassigned type, and ChangeCipherSpec.
     * RFC 5246 §7.4 says a HelloRequest "SHOULD be ignored by the client if it arrives in the middle of a
     * handshake"; the client's type guard (DESIGN.md §4) refuses it there instead, so it is a column of the
     * client's handshake states too — this table pins that stricter behaviour down.
     */
    static final int[] TYPES = {HandshakeType.HELLO_REQUEST, HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
        HandshakeType.NEW_SESSION_TICKET, HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE,
        HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE, HandshakeType.CERTIFICATE_VERIFY,
        HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.FINISHED,
        // TLS 1.3 only (RFC 8446 §4): end_of_early_data, encrypted_extensions, key_update, message_hash.
        HandshakeType.END_OF_EARLY_DATA, HandshakeType.ENCRYPTED_EXTENSIONS, HandshakeType.KEY_UPDATE,
        HandshakeType.MESSAGE_HASH,
        // DTLS hello_verify_request (RFC 6347 §4.2.1); certificate_status (RFC 6066 §8), never promised: the
        // PLAIN client does not ask for it, the FULL / RESUMED clients ask but our server never acknowledges
        // status_request in its ServerHello, so it is unexpected either way.
        3, HandshakeType.CERTIFICATE_STATUS,
        // Unassigned.
        99};

    static final int[] COLUMNS = concat(TYPES, new int[] {CCS_SEALED, CCS_PLAINTEXT});

    static String columnName(int column) {
        return switch (column) {
            case CCS_SEALED -> "change_cipher_spec";
            case CCS_PLAINTEXT -> "plaintext change_cipher_spec";
            default -> HandshakeType.name(column);
        };
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Row row : Row.values()) {
            for (int column : COLUMNS) {
                // A plaintext ChangeCipherSpec differs from the sealed one only where reads are protected.
                boolean duplicate = column == CCS_PLAINTEXT && !row.protectedReads;
                if (!row.accepted.contains(column) && !duplicate) {
                    out.add(Arguments.of(row, columnName(column), column));
                }
            }
        }
        return out.stream();
    }

    // ---- the table

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("cells")
    void refusedWithUnexpectedMessage(Row row, String columnName, int column) throws Exception {
        Exchange x = new Exchange(row, column, column < 0 ? null : offending(column));
        x.reachState();
        byte[] record = x.fromPeer.get(x.offendingIndex);
        TlsFailure f = assertThrows(TlsFailure.class, () -> Wire.process(x.victim, record));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert(), f::toString);
        // A sealed ChangeCipherSpec is no ChangeCipherSpec (RFC 5246 §7.1: the single byte 1, under the
        // current protection: plaintext before the peer's first one); any other reaches the state's guard.
        Reason expected = column == CCS_SEALED && row.protectedReads ? Reason.INVALID_CHANGE_CIPHER_SPEC
                : Reason.UNEXPECTED_MESSAGE;
        assertEquals(expected, f.reason(), f::toString);
        assertTerminal(x, f, AlertDescription.UNEXPECTED_MESSAGE);
    }

    /**
     * DESIGN.md §7 as {@link StateTableTest} checks it: the failure is recorded; the peer-facing output is
     * exactly one record, the fatal alert, readable by the peer with the keys it has at that point; every
     * later input, length or sealing call rethrows the same failure and nothing more is sent.
     */
    private static void assertTerminal(Exchange x, TlsFailure f, AlertDescription alert) throws TlsFailure {
        assertSame(f, x.victim.failure());
        List<byte[]> emitted = Wire.drainRecords(x.victim);
        assertEquals(1, emitted.size(), "records emitted after the failure");
        assertEquals(ContentType.ALERT, emitted.get(0)[0], "an alert record");
        TlsFailure seen = assertThrows(TlsFailure.class, () -> Wire.process(x.peer, emitted.get(0)));
        assertEquals(Reason.PEER_ALERT, seen.reason(), seen::toString);
        assertEquals(alert, seen.alert());

        byte[] next = x.fromPeer.get(Math.min(x.offendingIndex + 1, x.fromPeer.size() - 1));
        assertSame(f, assertThrows(TlsFailure.class, () -> Wire.process(x.victim, next)));
        assertSame(f, assertThrows(TlsFailure.class, () -> x.victim.nextRecordLength(ByteBuffer.wrap(next))));
        assertSame(f, assertThrows(TlsFailure.class, () -> x.victim.sealApplicationData(
                new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1, 2, 3})}, 0, 1, ByteBuffer.allocate(1 << 15))));
        assertFalse(x.victim.hasPendingOutput());
        assertTrue(x.victim.isInboundClosed() && x.victim.isOutboundClosed());
    }

    static Stream<Arguments> malformedCells() {
        List<Arguments> out = new ArrayList<>();
        for (Row row : Row.values()) {
            for (int type : row.accepted) {
                if (type >= 0) {
                    out.add(Arguments.of(row, HandshakeType.name(type), type));
                }
            }
        }
        return out.stream();
    }

    /**
     * Every state × a malformed form (one byte short, or one too many) of each message it accepts →
     * decode_error. Finished is the exception: its body is all of verify_data (RFC 5246 §7.4.9), so a short
     * one decodes and fails the constant-time comparison — decrypt_error, "unable to ... validate a
     * Finished message" (§7.2.2).
     */
    @ParameterizedTest(name = "{0} <- malformed {1}")
    @MethodSource("malformedCells")
    void malformedAcceptedMessage(Row row, String typeName, int type) throws Exception {
        Exchange x = new Exchange(row, type, mangle(offending(type)));
        x.reachState();
        byte[] record = x.fromPeer.get(x.offendingIndex);
        TlsFailure f = assertThrows(TlsFailure.class, () -> Wire.process(x.victim, record));
        AlertDescription alert = type == HandshakeType.FINISHED ? AlertDescription.DECRYPT_ERROR
                : AlertDescription.DECODE_ERROR;
        assertEquals(alert, f.alert(), f::toString);
        assertTerminal(x, f, alert);
    }

    /** The table covers every TLS 1.2 state type of both roles (the sealed interfaces' permitted classes). */
    @Test
    void everyStateHasARow() {
        Set<String> states = Arrays.stream(Row.values()).map(r -> r.state)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : Client12State.class.getPermittedSubclasses()) {
            declared.add(c.getSimpleName());
        }
        for (Class<?> c : Server12State.class.getPermittedSubclasses()) {
            declared.add(c.getSimpleName());
        }
        // ExpectCertificateStatus needs a ServerHello with status_request (RFC 6066 §8), which our server
        // never sends; it hands every message but CertificateStatus to the state after the Certificate (rows
        // above), and OcspStaplingOpensslTest runs it against openssl s_server -status_file.
        declared.remove("ExpectCertificateStatus");
        assertEquals(declared, states);
        // The states after a ChangeCipherSpec read protected records (RFC 5246 §7.1), and only they.
        Set<String> sealed = Arrays.stream(Row.values()).filter(r -> r.protectedReads).map(r -> r.state)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("ExpectServerFinished12", "ClientTraffic12", "ExpectClientFinished12",
                "ServerTraffic12")), sealed);
        for (Row r : Row.values()) {
            if (r.protectedReads) {
                assertEquals(COLUMNS.length - r.accepted.size(), cells().filter(a -> a.get()[0] == r).count(),
                        r::name);
            }
        }
        // 22 rows × 20 columns, less the 25 accepted cells and the 16 plaintext ChangeCipherSpec duplicates.
        assertEquals(22, Row.values().length);
        assertEquals(22 * COLUMNS.length - 25 - 16, cells().count());
    }

    /** Every offending body decodes as its own type, so the refusal is the type guard's. */
    @Test
    void offendingMessagesDecode() throws Exception {
        for (int type : TYPES) {
            byte[] encoded = offending(type);
            assertEquals(type, encoded[0] & 0xFF);
            byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
            assertEquals(body.length, ((encoded[1] & 0xFF) << 16) | ((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF));
            HandshakeMessage m = HandshakeMessages12.decode12(new RawHandshake(type, body, encoded));
            assertEquals(type, m.type());
            // The first eleven columns are the TLS 1.2 types, decoded to their records, and certificate_status
            // (RFC 6066 §8); the rest stay unknown.
            boolean tls12 = Arrays.stream(TYPES).limit(11).anyMatch(t -> t == type)
                    || type == HandshakeType.CERTIFICATE_STATUS;
            assertEquals(!tls12, m instanceof UnknownHandshakeMessage, HandshakeType.name(type));
        }
    }

    /**
     * ... and every mangled accepted one does not (but Finished, see {@link #malformedAcceptedMessage},
     * and ClientKeyExchange, whose body only the state that knows the key exchange can read: RFC 5246
     * §7.4.7, an ECDH public value or an encrypted premaster secret).
     */
    @Test
    void mangledMessagesDoNotDecode() {
        malformedCells().map(a -> (int) a.get()[2]).distinct()
                .filter(t -> t != HandshakeType.FINISHED && t != HandshakeType.CLIENT_KEY_EXCHANGE)
                .forEach(type -> {
                    byte[] encoded = mangle(offending(type));
                    byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
                    TlsFailure f = assertThrows(TlsFailure.class,
                            () -> HandshakeMessages12.decode12(new RawHandshake(type, body, encoded)));
                    assertEquals(AlertDescription.DECODE_ERROR, f.alert(), HandshakeType.name(type));
                });
    }

    /** The accepted cells really are accepted in the table's flows (the exclusions are not too broad). */
    @Test
    void acceptedTypesMatchTheFlows() {
        for (Row row : Row.values()) {
            int moves = row.trigger == BEFORE_CHANGE_CIPHER_SPEC ? CCS_SEALED : row.trigger;
            if (row.trigger != AFTER_HANDSHAKE) {
                assertTrue(row.accepted.contains(moves), row::name);
            }
        }
    }

    // ---- offending messages: well-formed bodies of each type

    static byte[] offending(int type) {
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0x5A);
        HandshakeMessage m = switch (type) {
            case HandshakeType.HELLO_REQUEST -> new HelloRequest();
            case HandshakeType.CLIENT_HELLO -> new ClientHello(ProtocolVersion.TLS12, random, new byte[0],
                    List.of(SUITE), new byte[] {0}, Extensions.of(Tls12Policy.clientHelloExtensions()));
            case HandshakeType.SERVER_HELLO -> new ServerHello(ProtocolVersion.TLS12, random, new byte[0], SUITE, 0,
                    Extensions.EMPTY);
            case HandshakeType.NEW_SESSION_TICKET -> new NewSessionTicket12(60, new byte[16]);
            case HandshakeType.CERTIFICATE -> new Certificate12(List.of());
            case HandshakeType.SERVER_KEY_EXCHANGE -> new ServerKeyExchange(NamedGroup.X25519, new byte[32],
                    SignatureScheme.ECDSA_SECP256R1_SHA256, new byte[8]);
            case HandshakeType.CERTIFICATE_REQUEST -> new CertificateRequest12(
                    new byte[] {CertificateRequest12.ECDSA_SIGN}, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                    List.of());
            case HandshakeType.SERVER_HELLO_DONE -> new ServerHelloDone();
            case HandshakeType.CERTIFICATE_VERIFY -> new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256,
                    new byte[8]);
            case HandshakeType.CLIENT_KEY_EXCHANGE -> ClientKeyExchange.ecdhe(new byte[32]);
            case HandshakeType.FINISHED -> new Finished(new byte[12]); // RFC 5246 §7.4.9: verify_data_length 12
            // Empty bodies: end_of_early_data (RFC 8446 §4.5); encrypted_extensions with an empty list (§4.3.1).
            case HandshakeType.END_OF_EARLY_DATA -> new UnknownHandshakeMessage(type, new byte[0]);
            case HandshakeType.ENCRYPTED_EXTENSIONS -> new UnknownHandshakeMessage(type, new byte[2]);
            case HandshakeType.KEY_UPDATE -> new UnknownHandshakeMessage(type, new byte[] {0}); // §4.6.3
            case HandshakeType.MESSAGE_HASH -> new UnknownHandshakeMessage(type, new byte[32]); // §4.4.1
            // HelloVerifyRequest: server_version {254, 253} (DTLS 1.2), empty cookie.
            case 3 -> new UnknownHandshakeMessage(type, new byte[] {(byte) 254, (byte) 253, 0});
            // CertificateStatus: status_type ocsp(1), a one-byte OCSPResponse.
            case HandshakeType.CERTIFICATE_STATUS -> new CertificateStatus(CertificateStatus.OCSP, new byte[] {0});
            default -> new UnknownHandshakeMessage(type, new byte[] {1, 2, 3});
        };
        return m.encode();
    }

    /** The message with its body one byte shorter (or one byte longer if it is empty), header fixed up. */
    private static byte[] mangle(byte[] message) {
        int body = message.length - 4;
        int n = body == 0 ? 1 : body - 1;
        byte[] out = Arrays.copyOf(message, 4 + n);
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A plaintext record of {@code type} (RFC 5246 §6.2.1), as the peer writes before its ChangeCipherSpec. */
    private static byte[] plaintextRecord(int type, byte[] content) {
        byte[] r = new byte[5 + content.length];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (content.length >> 8);
        r[4] = (byte) content.length;
        System.arraycopy(content, 0, r, 5, content.length);
        return r;
    }

    // ---- driving a handshake to a state

    /**
     * A client and a server, one of them the victim (receiving in the state under test), the other the
     * peer that sends the offending record. Every record the peer sends is kept in {@link #fromPeer};
     * the victim's records go straight to the peer.
     */
    static final class Exchange {
        final Row row;
        final int column;
        final byte[] message;
        final ClientConnection client;
        final ServerConnection server;
        final Connection victim;
        final Connection peer;
        final List<byte[]> fromPeer = new ArrayList<>();
        /** The types of the handshake messages either side sent. */
        final Set<Integer> sentTypes = new TreeSet<>();
        int offendingIndex = -1;
        private int delivered;

        /**
         * @param column  a handshake type, {@link #CCS_SEALED} or {@link #CCS_PLAINTEXT}
         * @param message the encoded handshake message to send (null for the ChangeCipherSpec columns)
         */
        Exchange(Row row, int column, byte[] message) throws TlsFailure {
            this.row = row;
            this.column = column;
            this.message = message;
            Config.Builder s = Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS12))
                    .cipherSuites(List.of(SUITE)).certificateSelector(CertificateSelector.fixed(SERVER))
                    .peerVerifier(TrustedCertificatesVerifier.pinned(CLIENT.chain()))
                    .groups(List.of(NamedGroup.X25519));
            // RFC 8422 §5.3: secp256r1 offered for the curve of the server's ECDSA certificate.
            Config.Builder c = Config.builder().serverName("table12.test")
                    .enabledProtocols(List.of(ProtocolVersion.TLS12))
                    .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                    .certificateSelector(CertificateSelector.fixed(CLIENT))
                    .peerVerifier(TrustedCertificatesVerifier.pinned(SERVER.chain()))
                    .requestOcspStapling(row.setup != Setup.PLAIN);
            switch (row.setup) {
                case FULL, RESUMED -> s.clientAuth(ClientAuth.REQUIRED);
                case PLAIN -> s.maxTicketsSent(0);
            }
            Config serverConfig = s.build();
            Config clientConfig = c.build();
            if (row.setup == Setup.RESUMED) {
                Pump first = new Pump(clientConfig, serverConfig).handshake();
                assertTrue(first.client.isHandshakeComplete() && first.server.isHandshakeComplete(), "first");
            }
            client = new ClientConnection(clientConfig);
            server = new ServerConnection(serverConfig);
            victim = row.clientReceives ? client : server;
            peer = row.clientReceives ? server : client;
            peer.testHookBeforeHandshakeMessage(this::beforePeerMessage);
            victim.testHookBeforeHandshakeMessage(encoded -> sentTypes.add(encoded[0] & 0xFF));
        }

        /**
         * Runs the handshake until the victim has everything the peer sent before the offending record
         * (or, for the traffic states, until the handshake is over and then seals it), and checks that the
         * victim is in the state under test and that the record is protected exactly when the row says so.
         */
        void reachState() throws TlsFailure {
            client.start();
            for (int round = 0; ; round++) {
                assertTrue(round < 50, "handshake did not settle");
                boolean moved = false;
                collect(Wire.drainRecords(peer));
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
            if (row.trigger == AFTER_HANDSHAKE) {
                assertTrue(client.isHandshakeComplete() && server.isHandshakeComplete(), "handshake complete");
                assertEquals(fromPeer.size(), delivered);
                offendingIndex = fromPeer.size();
                inject();
                assertEquals(offendingIndex + 1, fromPeer.size());
            }
            assertTrue(offendingIndex >= 0, "the peer never reached the injection point");
            assertEquals(offendingIndex, delivered);
            assertEquals(row.state, victim.stateName(), "state under test");
            assertFalse(victim.hasPendingOutput());
            // RFC 5246 §7.3: only the abbreviated handshake goes without ServerKeyExchange (ECDHE sends it).
            assertEquals(row.setup == Setup.RESUMED, !sentTypes.contains(HandshakeType.SERVER_KEY_EXCHANGE));
            byte[] record = fromPeer.get(offendingIndex);
            if (column != CCS_PLAINTEXT) {
                int content = message == null ? 1 : message.length;
                assertEquals(row.protectedReads ? AEAD_OVERHEAD : 0, record.length - 5 - content,
                        "the offending record is protected exactly when the state reads protected records");
            }
        }

        /**
         * Appends the peer's records; in front of its ChangeCipherSpec, when that is the trigger, the
         * offending record goes as the plaintext record the peer would write there (RFC 5246 §7.1: the
         * new write keys apply only after it).
         */
        private void collect(List<byte[]> records) {
            for (byte[] r : records) {
                if (row.trigger == BEFORE_CHANGE_CIPHER_SPEC && offendingIndex < 0
                        && r[0] == ContentType.CHANGE_CIPHER_SPEC) {
                    offendingIndex = fromPeer.size();
                    fromPeer.add(plaintextRecord(ContentType.HANDSHAKE, message));
                }
                fromPeer.add(r);
            }
        }

        /** The offending record at the current point of the peer's flight, under its current protection. */
        private void inject() throws TlsFailure {
            switch (column) {
                case CCS_PLAINTEXT -> fromPeer.add(plaintextRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}));
                case CCS_SEALED -> peer.testSealRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
                default -> peer.testSealHandshake(message);
            }
            collect(Wire.drainRecords(peer));
        }

        /**
         * The peer's hook: every handshake message gets a record of its own (so the victim can be stopped
         * between messages), and the offending record goes in front of the trigger message.
         */
        private void beforePeerMessage(byte[] encoded) {
            sentTypes.add(encoded[0] & 0xFF);
            try {
                peer.testSealHandshake(new byte[0]);
                collect(Wire.drainRecords(peer));
                if ((encoded[0] & 0xFF) == row.trigger && offendingIndex < 0) {
                    offendingIndex = fromPeer.size();
                    inject();
                }
            } catch (TlsFailure f) {
                throw new IllegalStateException("sealing the injected message failed", f);
            }
        }
    }
}
