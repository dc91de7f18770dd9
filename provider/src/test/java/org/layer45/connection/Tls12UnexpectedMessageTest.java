package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.Certificate12;
import org.layer45.message.CertificateRequest12;
import org.layer45.message.CertificateVerify;
import org.layer45.message.ClientHello;
import org.layer45.message.ClientKeyExchange;
import org.layer45.message.Finished;
import org.layer45.message.HelloRequest;
import org.layer45.message.NewSessionTicket12;
import org.layer45.message.ServerHello;
import org.layer45.message.ServerHelloDone;
import org.layer45.message.ServerKeyExchange;
import org.layer45.message.extension.Extensions;

/**
 * Every TLS 1.2 state × every message it does not accept → unexpected_message, and the connection is
 * terminal; every plaintext-reading state × a truncated (or overlong) form of each message it accepts
 * → decode_error. A stepping transport delivers one handshake message per record, so that each state is
 * reached; states that read protected records get a (plaintext) ChangeCipherSpec, the only message
 * that can reach them unprotected.
 */
class Tls12UnexpectedMessageTest {
    private static final CertifiedKey SERVER = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final CertifiedKey CLIENT = TestCertificates.get(TestCertificates.Kind.ECDSA_P384);
    private static final int CCS = -1;

    /** type → a well-formed message of that type (CCS = a change_cipher_spec record). */
    private static List<Object[]> candidates() {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {HandshakeType.HELLO_REQUEST, new HelloRequest().encode()});
        out.add(new Object[] {HandshakeType.CLIENT_HELLO, new ClientHello(ProtocolVersion.TLS12, new byte[32],
                new byte[0], List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), new byte[] {0},
                Extensions.of(Tls12Policy.clientHelloExtensions())).encode()});
        out.add(new Object[] {HandshakeType.SERVER_HELLO, new ServerHello(ProtocolVersion.TLS12, new byte[32],
                new byte[0], CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0, Extensions.EMPTY).encode()});
        out.add(new Object[] {HandshakeType.NEW_SESSION_TICKET, new NewSessionTicket12(60, new byte[16]).encode()});
        out.add(new Object[] {HandshakeType.CERTIFICATE, new Certificate12(List.of()).encode()});
        out.add(new Object[] {HandshakeType.SERVER_KEY_EXCHANGE, new ServerKeyExchange(NamedGroup.X25519,
                new byte[32], SignatureScheme.ECDSA_SECP256R1_SHA256, new byte[8]).encode()});
        out.add(new Object[] {HandshakeType.CERTIFICATE_REQUEST, new CertificateRequest12(new byte[] {64},
                List.of(SignatureScheme.ECDSA_SECP256R1_SHA256), List.of()).encode()});
        out.add(new Object[] {HandshakeType.SERVER_HELLO_DONE, new ServerHelloDone().encode()});
        out.add(new Object[] {HandshakeType.CERTIFICATE_VERIFY,
                new CertificateVerify(SignatureScheme.ECDSA_SECP256R1_SHA256, new byte[8]).encode()});
        out.add(new Object[] {HandshakeType.CLIENT_KEY_EXCHANGE, ClientKeyExchange.ecdhe(new byte[32]).encode()});
        out.add(new Object[] {HandshakeType.FINISHED, new Finished(new byte[12]).encode()});
        out.add(new Object[] {99, new byte[] {99, 0, 0, 1, 0}});
        out.add(new Object[] {CCS, null});
        return out;
    }

    /** state → (client side?, accepted types, reads protected records?). */
    private static final Object[][] STATES = {
        {"ExpectServerHello12", true, Set.of(HandshakeType.SERVER_HELLO), false},
        {"ExpectServerCertificate12", true, Set.of(HandshakeType.CERTIFICATE), false},
        {"ExpectServerKeyExchange", true, Set.of(HandshakeType.SERVER_KEY_EXCHANGE), false},
        {"ExpectCertificateRequestOrDone", true,
            Set.of(HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE), false},
        {"ExpectServerHelloDone", true, Set.of(HandshakeType.SERVER_HELLO_DONE), false},
        {"ExpectServerChangeCipherSpec", true, Set.of(HandshakeType.NEW_SESSION_TICKET, CCS), false},
        {"ExpectServerFinished12", true, Set.of(), true},
        {"ClientTraffic12", true, Set.of(), true},
        {"ExpectClientCertificate12", false, Set.of(HandshakeType.CERTIFICATE), false},
        {"ExpectClientKeyExchange", false, Set.of(HandshakeType.CLIENT_KEY_EXCHANGE), false},
        {"ExpectClientCertificateVerify12", false, Set.of(HandshakeType.CERTIFICATE_VERIFY), false},
        {"ExpectClientChangeCipherSpec", false, Set.of(CCS), false},
        {"ExpectClientFinished12", false, Set.of(), true},
        {"ServerTraffic12", false, Set.of(), true},
    };

    @SuppressWarnings("unchecked")
    static Stream<Arguments> table() {
        List<Arguments> out = new ArrayList<>();
        for (Object[] s : STATES) {
            Set<Integer> accepted = (Set<Integer>) s[2];
            boolean protectedReads = (boolean) s[3];
            for (Object[] c : candidates()) {
                int type = (int) c[0];
                if (accepted.contains(type) || protectedReads && type != CCS) {
                    continue;
                }
                out.add(Arguments.of(s[0], s[1], type == CCS ? "change_cipher_spec" : HandshakeType.name(type),
                        c[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} <- {2}")
    @MethodSource("table")
    void unexpectedMessage(String state, boolean clientSide, String name, byte[] message) throws Exception {
        Stepper s = new Stepper();
        Connection target = clientSide ? s.client : s.server;
        assertTrue(s.reach(target, state), () -> "never reached " + state + ", at " + target.stateName());
        ByteBuffer rec = message == null ? ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1}) : record(22, message);
        TlsFailure f = assertThrows(TlsFailure.class, () -> target.processRecord(rec, ByteBuffer.allocate(1 << 17)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert(), f::toString);
        assertThrows(TlsFailure.class, () -> target.processRecord(record(22, new Finished(new byte[12]).encode()),
                ByteBuffer.allocate(1 << 17)));
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> malformed() {
        List<Arguments> out = new ArrayList<>();
        for (Object[] s : STATES) {
            if ((boolean) s[3]) {
                continue; // protected reads: a malformed plaintext record is caught by the record layer
            }
            for (Object[] c : candidates()) {
                int type = (int) c[0];
                if (type != CCS && ((Set<Integer>) s[2]).contains(type)) {
                    out.add(Arguments.of(s[0], s[1], HandshakeType.name(type), mangle((byte[]) c[1])));
                }
            }
        }
        return out.stream();
    }

    /** The message with its body one byte shorter (or one byte longer if it is empty), header fixed up. */
    private static byte[] mangle(byte[] message) {
        int body = message.length - 4;
        int n = body == 0 ? 1 : body - 1;
        byte[] out = java.util.Arrays.copyOf(message, 4 + n);
        out[1] = (byte) (n >>> 16);
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) n;
        return out;
    }

    @ParameterizedTest(name = "{0} <- malformed {2}")
    @MethodSource("malformed")
    void malformedMessage(String state, boolean clientSide, String name, byte[] message) throws Exception {
        Stepper s = new Stepper();
        Connection target = clientSide ? s.client : s.server;
        assertTrue(s.reach(target, state), () -> "never reached " + state + ", at " + target.stateName());
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> target.processRecord(record(22, message), ByteBuffer.allocate(1 << 17)));
        assertEquals(AlertDescription.DECODE_ERROR, f.alert(), f::toString);
    }

    private static ByteBuffer record(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) type).put((byte) 3).put((byte) 3).putShort((short) body.length).put(body).flip();
        return b;
    }

    /**
     * Moves records one at a time, splitting plaintext handshake records into one record per message
     * (until that direction sent ChangeCipherSpec), so every intermediate state is observable.
     */
    private static final class Stepper {
        final ClientConnection client;
        final ServerConnection server;
        final ArrayDeque<ByteBuffer> toServer = new ArrayDeque<>();
        final ArrayDeque<ByteBuffer> toClient = new ArrayDeque<>();
        boolean clientEncrypting;
        boolean serverEncrypting;

        Stepper() throws TlsFailure {
            Config serverConfig = Config.builder().certificateSelector(CertificateSelector.fixed(SERVER))
                    .enabledProtocols(List.of(ProtocolVersion.TLS12)).clientAuth(ClientAuth.REQUIRED)
                    .peerVerifier(TrustedCertificatesVerifier.pinned(CLIENT.chain())).build();
            Config clientConfig = Config.builder().serverName("u.test").enabledProtocols(List.of(ProtocolVersion.TLS12))
                    .certificateSelector(CertificateSelector.fixed(CLIENT))
                    .peerVerifier(TrustedCertificatesVerifier.pinned(SERVER.chain())).build();
            client = new ClientConnection(clientConfig);
            server = new ServerConnection(serverConfig);
            client.start();
            collect();
        }

        boolean reach(Connection target, String state) throws TlsFailure {
            for (int i = 0; i < 100; i++) {
                if (target.stateName().equals(state)) {
                    return true;
                }
                if (!toServer.isEmpty()) {
                    server.processRecord(toServer.poll(), ByteBuffer.allocate(1 << 17));
                } else if (!toClient.isEmpty()) {
                    client.processRecord(toClient.poll(), ByteBuffer.allocate(1 << 17));
                } else {
                    return false;
                }
                collect();
            }
            return false;
        }

        private void collect() throws TlsFailure {
            clientEncrypting = drain(client, toServer, clientEncrypting);
            serverEncrypting = drain(server, toClient, serverEncrypting);
        }

        private static boolean drain(Connection from, ArrayDeque<ByteBuffer> queue, boolean encrypting)
                throws TlsFailure {
            ByteBuffer out = ByteBuffer.allocate(1 << 17);
            from.drainPendingOutput(out);
            out.flip();
            while (out.remaining() >= 5) {
                int type = out.get(out.position()) & 0xFF;
                int length = out.getShort(out.position() + 3) & 0xFFFF;
                byte[] body = new byte[length];
                out.get(out.position() + 5, body);
                out.position(out.position() + 5 + length);
                if (type == 22 && !encrypting) {
                    for (int p = 0; p < body.length;) {
                        int n = 4 + (((body[p + 1] & 0xFF) << 16) | ((body[p + 2] & 0xFF) << 8) | (body[p + 3] & 0xFF));
                        queue.add(record(22, java.util.Arrays.copyOfRange(body, p, p + n)));
                        p += n;
                    }
                } else {
                    queue.add(record(type, body));
                }
                encrypting |= type == 20;
            }
            return encrypting;
        }
    }
}
