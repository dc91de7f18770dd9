package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.handshake.VersionNegotiation;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;
import org.layer45.message.ServerHello;
import org.layer45.message.TlsReader;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;

/**
 * Version negotiation (RFC 8446 §4.2.1, §4.1.3; RFC 7507): the client {1.3+1.2, 1.2, 1.3} × server
 * {1.3+1.2, 1.2, 1.3} matrix, the downgrade sentinel both ways, and TLS_FALLBACK_SCSV.
 */
class VersionNegotiationTest {
    private static final CertifiedKey KEY = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final List<ProtocolVersion> BOTH = List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12);
    private static final List<ProtocolVersion> ONLY12 = List.of(ProtocolVersion.TLS12);
    private static final List<ProtocolVersion> ONLY13 = List.of(ProtocolVersion.TLS13);

    private static Config server(List<ProtocolVersion> versions) {
        return Config.builder().certificateSelector(CertificateSelector.fixed(KEY)).enabledProtocols(versions).build();
    }

    private static Config client(List<ProtocolVersion> versions) {
        return Config.builder().serverName("v.test").enabledProtocols(versions)
                .peerVerifier(TrustedCertificatesVerifier.pinned(KEY.chain())).build();
    }

    static Stream<Arguments> matrix() {
        List<ProtocolVersion> none = null;
        return Stream.of(
                Arguments.of(BOTH, BOTH, ProtocolVersion.TLS13),
                Arguments.of(BOTH, ONLY12, ProtocolVersion.TLS12),
                Arguments.of(BOTH, ONLY13, ProtocolVersion.TLS13),
                Arguments.of(ONLY12, BOTH, ProtocolVersion.TLS12),
                Arguments.of(ONLY12, ONLY12, ProtocolVersion.TLS12),
                Arguments.of(ONLY12, ONLY13, none),
                Arguments.of(ONLY13, BOTH, ProtocolVersion.TLS13),
                Arguments.of(ONLY13, ONLY12, none),
                Arguments.of(ONLY13, ONLY13, ProtocolVersion.TLS13));
    }

    @ParameterizedTest(name = "client {0} server {1} -> {2}")
    @MethodSource("matrix")
    void matrix(List<ProtocolVersion> clientVersions, List<ProtocolVersion> serverVersions, ProtocolVersion expected)
            throws Exception {
        Pump p = new Pump(client(clientVersions), server(serverVersions)).handshake();
        if (expected == null) {
            // RFC 8446 §4.2.1 / RFC 5246 §E.1: no common version → protocol_version, seen by both sides.
            assertEquals(AlertDescription.PROTOCOL_VERSION, p.serverSide.failure.alert());
            assertEquals(AlertDescription.PROTOCOL_VERSION, p.clientSide.failure.alert());
            return;
        }
        assertNull(p.clientSide.failure, () -> "client: " + p.clientSide.failure);
        assertNull(p.serverSide.failure, () -> "server: " + p.serverSide.failure);
        assertEquals(expected, p.client.session().version());
        assertEquals(expected, p.server.session().version());
        p.send(p.client, "hi".getBytes());
        assertArrayEquals("hi".getBytes(), p.serverSide.takeReceived());
    }

    /** The first record's ServerHello the server sends in answer to {@code client}'s ClientHello. */
    private static ServerHello serverHelloFor(Config client, Config server) throws Exception {
        ClientConnection c = new ClientConnection(client);
        ServerConnection s = new ServerConnection(server);
        c.start();
        ByteBuffer ch = ByteBuffer.allocate(1 << 16);
        c.drainPendingOutput(ch);
        ch.flip();
        s.processRecord(ch, ByteBuffer.allocate(1 << 16));
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        s.drainPendingOutput(out);
        out.flip();
        int bodyLength = out.getShort(3) & 0xFFFF;
        byte[] body = new byte[bodyLength];
        out.get(5, body);
        TlsReader r = new TlsReader(body);
        r.u8("type");
        return ServerHello.read(r.sub24("server hello"));
    }

    @Test
    void serverSetsTheSentinelOnlyWhenItSupportsTls13() throws Exception {
        byte[] tail = Arrays.copyOfRange(serverHelloFor(client(ONLY12), server(BOTH)).random(), 24, 32);
        assertArrayEquals(ServerHello.DOWNGRADE_TLS12, tail);
        byte[] plain = Arrays.copyOfRange(serverHelloFor(client(ONLY12), server(ONLY12)).random(), 24, 32);
        assertFalse(Arrays.equals(ServerHello.DOWNGRADE_TLS12, plain));
    }

    @Test
    void tls13CapableClientRefusesTheSentinel() throws Exception {
        // A ServerHello carrying DOWNGRD\x01 (as a MITM stripping TLS 1.3 would cause) reaches a client
        // that offered TLS 1.3 + 1.2: RFC 8446 §4.1.3 → illegal_parameter.
        ServerHello sh = serverHelloFor(client(ONLY12), server(BOTH));
        ClientConnection c = new ClientConnection(client(BOTH));
        c.start();
        byte[] msg = sh.encode();
        ByteBuffer rec = ByteBuffer.allocate(5 + msg.length);
        rec.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) msg.length).put(msg).flip();
        TlsFailure f = assertThrows(TlsFailure.class, () -> c.processRecord(rec, ByteBuffer.allocate(1 << 16)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
    }

    /** A TLS 1.2 ClientHello (legacy_version 0x0303, no supported_versions), optionally with the fallback SCSV. */
    private static ByteBuffer tls12ClientHello(boolean fallbackScsv) {
        List<CipherSuite> suites = new ArrayList<>(Config.DEFAULT_SUITES_12);
        if (fallbackScsv) {
            suites.add(VersionNegotiation.TLS_FALLBACK_SCSV);
        }
        List<Extension> ext = new ArrayList<>(Tls12Policy.clientHelloExtensions());
        ext.add(new SupportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).toExtension());
        ext.add(new SignatureAlgorithms(Config.DEFAULT_SIGNATURE_SCHEMES).toExtension(ExtensionType.SIGNATURE_ALGORITHMS));
        byte[] msg = new ClientHello(ProtocolVersion.TLS12, new byte[32], new byte[0], suites, new byte[] {0},
                Extensions.of(ext)).encode();
        ByteBuffer rec = ByteBuffer.allocate(5 + msg.length);
        rec.put((byte) 22).put((byte) 3).put((byte) 1).putShort((short) msg.length).put(msg).flip();
        return rec;
    }

    @Test
    void fallbackScsvRefusedByATls13Server() {
        ServerConnection s = new ServerConnection(server(BOTH));
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> s.processRecord(tls12ClientHello(true), ByteBuffer.allocate(1 << 16)));
        // RFC 7507 §3: the server supports a higher version than the client's highest.
        assertEquals(AlertDescription.INAPPROPRIATE_FALLBACK, f.alert());
    }

    @Test
    void fallbackScsvAcceptedWhenTls12IsOurHighest() throws Exception {
        ServerConnection s = new ServerConnection(server(ONLY12));
        s.processRecord(tls12ClientHello(true), ByteBuffer.allocate(1 << 16));
        assertEquals("ExpectClientKeyExchange", s.stateName());
    }

    @Test
    void plainTls12ClientHelloAcceptedByATls13Server() throws Exception {
        ServerConnection s = new ServerConnection(server(BOTH));
        s.processRecord(tls12ClientHello(false), ByteBuffer.allocate(1 << 16));
        assertEquals("ExpectClientKeyExchange", s.stateName());
    }
}
