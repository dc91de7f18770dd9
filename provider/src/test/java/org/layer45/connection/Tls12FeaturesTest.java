package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.SessionCache12;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;
import org.layer45.message.ServerHello;
import org.layer45.message.TlsReader;
import org.layer45.message.extension.EcPointFormats;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.RenegotiationInfo;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;

/**
 * TLS 1.2: client authentication, both resumptions, ALPN/SNI, closure, tampering, and the RFC 5746 / 7627 /
 * 8422 checks of the ClientHello (server side) and of the ServerHello (client side).
 */
class Tls12FeaturesTest {
    private static final CertifiedKey SERVER = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final CertifiedKey SERVER_RSA = TestCertificates.get(TestCertificates.Kind.RSA_2048);
    private static final CertifiedKey CLIENT = TestCertificates.get(TestCertificates.Kind.ECDSA_P384);
    private static final CertifiedKey CLIENT_RSA = TestCertificates.get(TestCertificates.Kind.RSA_2048);

    private static Config.Builder server() {
        return Config.builder().certificateSelector(CertificateSelector.fixed(SERVER))
                .enabledProtocols(List.of(ProtocolVersion.TLS12))
                .peerVerifier(TrustedCertificatesVerifier.pinned(List.of(CLIENT.chain().get(0),
                        CLIENT_RSA.chain().get(0))));
    }

    private static Config.Builder client() {
        return Config.builder().serverName("example.test").enabledProtocols(List.of(ProtocolVersion.TLS12))
                .peerVerifier(TrustedCertificatesVerifier.pinned(List.of(SERVER.chain().get(0),
                        SERVER_RSA.chain().get(0), CLIENT.chain().get(0))));
    }

    private static void assertOk(Pump p) {
        assertNull(p.clientSide.failure, () -> "client: " + p.clientSide.failure);
        assertNull(p.serverSide.failure, () -> "server: " + p.serverSide.failure);
        assertTrue(p.client.isHandshakeComplete() && p.server.isHandshakeComplete());
        assertEquals(ProtocolVersion.TLS12, p.client.session().version());
    }

    private static void exchange(Pump p) throws TlsFailure {
        p.send(p.client, "ping".getBytes());
        p.send(p.server, "pong".getBytes());
        assertArrayEquals("ping".getBytes(), p.serverSide.takeReceived());
        assertArrayEquals("pong".getBytes(), p.clientSide.takeReceived());
    }

    @Test
    void clientAuthRequiredEcdsaAndRsa() throws Exception {
        for (CertifiedKey clientKey : List.of(CLIENT, CLIENT_RSA)) {
            Pump p = new Pump(client().certificateSelector(CertificateSelector.fixed(clientKey)).build(),
                    server().clientAuth(ClientAuth.REQUIRED).build()).handshake();
            assertOk(p);
            assertEquals(clientKey.chain(), p.server.session().peerCertificates());
            assertEquals(clientKey.chain(), p.client.session().localCertificates());
            assertTrue(p.client.session().handshakeMessages().contains(HandshakeType.CERTIFICATE_VERIFY));
            exchange(p);
        }
    }

    @Test
    void exporterAgreesAndDistinguishesNullFromEmptyContext() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        assertOk(p);
        byte[] a = p.client.exportKeyingMaterial("EXPERIMENTAL-test", null, 32);
        assertArrayEquals(a, p.server.exportKeyingMaterial("EXPERIMENTAL-test", null, 32));
        byte[] b = p.client.exportKeyingMaterial("EXPERIMENTAL-test", new byte[0], 32);
        assertArrayEquals(b, p.server.exportKeyingMaterial("EXPERIMENTAL-test", new byte[0], 32));
        assertFalse(java.util.Arrays.equals(a, b)); // RFC 5705 §4: no context differs from an empty one
    }

    @Test
    void clientAuthOptionalWithoutCertificate() throws Exception {
        Pump p = new Pump(client().build(), server().clientAuth(ClientAuth.OPTIONAL).build()).handshake();
        assertOk(p);
        assertTrue(p.server.session().peerCertificates().isEmpty());
        assertFalse(p.client.session().handshakeMessages().contains(HandshakeType.CERTIFICATE_VERIFY));
        exchange(p);
    }

    @Test
    void clientAuthRequiredButEmptyIsHandshakeFailure() throws Exception {
        Pump p = new Pump(client().build(), server().clientAuth(ClientAuth.REQUIRED).build()).handshake();
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.server.failure().alert());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.clientSide.failure.alert());
    }

    /** RFC 8422 §5.3: found against BoringSSL (Conscrypt), which rejects a P-256 leaf after offering only x25519. */
    @Test
    void ecdsaCertificateOnACurveTheClientDidNotOfferIsNotUsed() throws Exception {
        Config.Builder x25519Only = client().groups(List.of(NamedGroup.X25519));
        Pump p = new Pump(x25519Only.build(), server().build()).handshake();
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.server.failure().alert());
        assertEquals(Reason.NO_CERTIFICATE, p.server.failure().reason());
        assertTrue(p.server.failure().getMessage().contains("supported_groups"), p.server.failure().getMessage());

        // A server that also holds an RSA key answers with it (ECDHE_RSA) instead.
        CertificateSelector byScheme = (role, names, schemes, certSchemes) ->
                schemes.stream().anyMatch(x -> x.name().startsWith("ecdsa_")) ? SERVER : SERVER_RSA;
        Pump q = new Pump(x25519Only.build(), server().certificateSelector(byScheme).build()).handshake();
        assertOk(q);
        assertEquals(SERVER_RSA.chain(), q.client.session().peerCertificates());
        assertEquals(NamedGroup.X25519, q.client.session().group());
        exchange(q);
    }

    @Test
    void rsaServerCertificateWithPkcs1() throws Exception {
        Pump p = new Pump(client().build(), server().certificateSelector(CertificateSelector.fixed(SERVER_RSA))
                .signatureSchemes(List.of(org.layer45.iana.SignatureScheme.RSA_PKCS1_SHA256)).build()).handshake();
        assertOk(p);
        assertEquals(org.layer45.iana.SignatureScheme.RSA_PKCS1_SHA256, p.client.session().signatureScheme());
        exchange(p);
    }

    @Test
    void ecdsaSchemeOnAnotherCurve() throws Exception {
        // RFC 5246 §7.4.1.4.1: in TLS 1.2 ecdsa_secp256r1_sha256 means {sha256, ecdsa}, any curve:
        // a P-384 server key and a P-384 client key sign with SHA-256 when that is all the peer takes.
        List<org.layer45.iana.SignatureScheme> only = List.of(org.layer45.iana.SignatureScheme.ECDSA_SECP256R1_SHA256);
        Pump p = new Pump(client().signatureSchemes(only).certificateSelector(CertificateSelector.fixed(CLIENT)).build(),
                server().signatureSchemes(only).clientAuth(ClientAuth.REQUIRED)
                        .certificateSelector(CertificateSelector.fixed(CLIENT)).build()).handshake();
        assertOk(p);
        assertEquals(only.get(0), p.client.session().signatureScheme());
        exchange(p);
    }

    /** An abbreviated handshake (RFC 5246 §7.3): no Certificate, no key exchange messages. */
    private static void assertAbbreviated(Pump p) {
        assertOk(p);
        assertTrue(p.client.session().resumed());
        assertTrue(p.server.session().resumed());
        assertEquals(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO, HandshakeType.FINISHED,
                HandshakeType.FINISHED), p.client.session().handshakeMessages());
        assertEquals(p.client.session().handshakeMessages(), p.server.session().handshakeMessages());
        assertEquals(SERVER.chain(), p.client.session().peerCertificates());
    }

    @Test
    void sessionIdResumption() throws Exception {
        Config clientConfig = client().alpnProtocols(List.of("h2")).build();
        Config serverConfig = server().maxTicketsSent(0).alpnProtocols(List.of("h2")).build(); // ids only
        Pump first = new Pump(clientConfig, serverConfig).handshake();
        assertOk(first);
        assertFalse(first.client.session().resumed());
        assertFalse(first.client.session().handshakeMessages().contains(HandshakeType.NEW_SESSION_TICKET));
        Pump second = new Pump(clientConfig, serverConfig).handshake();
        assertAbbreviated(second);
        assertEquals("h2", second.client.session().alpn());
        exchange(second);
        // A server that lost the session (another cache) falls back to a full handshake.
        Pump third = new Pump(clientConfig, serverConfig.toBuilder()
                .sessionCache(new SessionCache12(8, 60_000)).build()).handshake();
        assertOk(third);
        assertFalse(third.client.session().resumed());
    }

    @Test
    void resumptionKeepsTheClientChainAndIsRefusedWhenAuthIsNowRequired() throws Exception {
        Config clientConfig = client().certificateSelector(CertificateSelector.fixed(CLIENT)).build();
        Config optional = server().clientAuth(ClientAuth.OPTIONAL).build();
        assertOk(new Pump(clientConfig, optional).handshake());
        Pump resumed = new Pump(clientConfig, optional).handshake();
        assertTrue(resumed.server.session().resumed());
        assertEquals(CLIENT.chain(), resumed.server.session().peerCertificates());
        // A session without a client certificate is not resumed once client auth is required.
        Config noCert = client().build();
        assertOk(new Pump(noCert, optional).handshake());
        Pump full = new Pump(noCert, optional.toBuilder().clientAuth(ClientAuth.REQUIRED).build()).handshake();
        assertFalse(full.server.session() != null && full.server.session().resumed());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, full.server.failure().alert());
    }

    @Test
    void ticketResumption() throws Exception {
        Config clientConfig = client().build();
        Config serverConfig = server().build();
        Pump first = new Pump(clientConfig, serverConfig).handshake();
        assertOk(first);
        assertTrue(first.client.session().handshakeMessages().contains(HandshakeType.NEW_SESSION_TICKET));
        // A fresh session cache: only the ticket (same ticket keys) can resume.
        Config otherCache = serverConfig.toBuilder().sessionCache(new SessionCache12(8, 60_000)).build();
        Pump second = new Pump(clientConfig, otherCache).handshake();
        assertAbbreviated(second);
        exchange(second);
    }

    @Test
    void tls13CapableClientResumesTls12Sessions() throws Exception {
        Config clientConfig = client().enabledProtocols(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)).build();
        // By session id: this server never issues tickets.
        Config idServer = server().maxTicketsSent(0).build();
        Pump first = new Pump(clientConfig, idServer).handshake();
        assertOk(first);
        assertFalse(first.client.session().handshakeMessages().contains(HandshakeType.NEW_SESSION_TICKET));
        Pump byId = new Pump(clientConfig, idServer).handshake();
        assertAbbreviated(byId);
        exchange(byId);
        // By ticket: the resuming server has another session cache, so only the ticket can work.
        Config ticketServer = server().build();
        assertFalse(new Pump(clientConfig, ticketServer).handshake().client.session().resumed());
        Pump byTicket = new Pump(clientConfig, ticketServer.toBuilder()
                .sessionCache(new SessionCache12(8, 60_000)).build()).handshake();
        assertAbbreviated(byTicket);
        exchange(byTicket);
    }

    @Test
    void ticketFromOtherKeysFallsBackToFullHandshake() throws Exception {
        Config clientConfig = client().build();
        new Pump(clientConfig, server().build()).handshake();
        Pump second = new Pump(clientConfig, server().build()).handshake(); // other ticket keys and cache
        assertOk(second);
        assertFalse(second.client.session().resumed());
    }

    @Test
    void sniAndAlpn() throws Exception {
        Pump p = new Pump(client().alpnProtocols(List.of("h2", "http/1.1")).build(),
                server().alpnProtocols(List.of("http/1.1")).build()).handshake();
        assertOk(p);
        assertEquals("http/1.1", p.client.session().alpn());
        assertEquals("http/1.1", p.server.session().alpn());
        assertEquals("example.test", p.server.session().serverName());
        Pump q = new Pump(client().alpnProtocols(List.of("h2")).build(),
                server().alpnProtocols(List.of("http/1.1")).build()).handshake();
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, q.server.failure().alert());
    }

    @Test
    void closeNotifyAndHalfClose() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        p.client.closeOutbound();
        p.run();
        assertTrue(p.server.isInboundClosed());
        p.send(p.server, "after close".getBytes());
        assertArrayEquals("after close".getBytes(), p.clientSide.takeReceived());
        p.server.closeOutbound();
        p.run();
        assertTrue(p.client.isInboundClosed());
        assertNull(p.client.failure());
        assertNull(p.server.failure());
    }

    @Test
    void tamperedRecordIsBadRecordMac() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        ByteBuffer net = ByteBuffer.allocate(p.client.maxSealedRecordSize());
        p.client.sealApplicationData(new ByteBuffer[] {ByteBuffer.wrap("secret".getBytes())}, 0, 1, net);
        net.flip();
        net.put(net.limit() - 3, (byte) (net.get(net.limit() - 3) ^ 1));
        TlsFailure f = assertThrows(TlsFailure.class, () -> p.server.processRecord(net, ByteBuffer.allocate(1 << 15)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, f.alert());
        assertSame(f, p.server.failure());
        p.run();
        assertEquals(Reason.PEER_ALERT, p.clientSide.failure.reason());
        assertEquals(AlertDescription.BAD_RECORD_MAC, p.clientSide.failure.alert());
    }

    @Test
    void untrustedServerGetsAlert() throws Exception {
        Pump p = new Pump(client().peerVerifier(org.layer45.handshake.PeerVerifier.rejectAll()).build(),
                server().build()).handshake();
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, p.client.failure().alert());
        assertEquals(AlertDescription.CERTIFICATE_UNKNOWN, p.serverSide.failure.alert());
    }

    @Test
    void noCommonSuiteIsHandshakeFailure() throws Exception {
        Pump p = new Pump(client().cipherSuites(List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)).build(),
                server().build()).handshake(); // ECDSA certificate: only ECDSA suites fit
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.server.failure().alert());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.clientSide.failure.alert());
    }

    // ---- ClientHello checks (RFC 7627, RFC 5746, RFC 8422)

    private static TlsFailure sendClientHello(UnaryOperator<List<Extension>> edit, List<CipherSuite> extraSuites) {
        List<CipherSuite> suites = new ArrayList<>(Config.DEFAULT_SUITES_12);
        suites.addAll(extraSuites);
        List<Extension> ext = new ArrayList<>(Tls12Policy.clientHelloExtensions());
        ext.add(new SupportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)).toExtension());
        ext.add(new SignatureAlgorithms(Config.DEFAULT_SIGNATURE_SCHEMES).toExtension(ExtensionType.SIGNATURE_ALGORITHMS));
        byte[] msg = new ClientHello(ProtocolVersion.TLS12, new byte[32], new byte[0], suites, new byte[] {0},
                Extensions.of(edit.apply(ext))).encode();
        ByteBuffer rec = ByteBuffer.allocate(5 + msg.length);
        rec.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) msg.length).put(msg).flip();
        ServerConnection s = new ServerConnection(server().build());
        try {
            s.processRecord(rec, ByteBuffer.allocate(1 << 16));
            return null;
        } catch (TlsFailure f) {
            return f;
        }
    }

    private static UnaryOperator<List<Extension>> without(int type) {
        return l -> l.stream().filter(e -> e.type() != type).toList();
    }

    @Test
    void clientHelloWithoutExtendedMasterSecretIsRefused() {
        assertEquals(AlertDescription.HANDSHAKE_FAILURE,
                sendClientHello(without(ExtensionType.EXTENDED_MASTER_SECRET), List.of()).alert());
    }

    @Test
    void clientHelloWithoutSecureRenegotiationIsRefused() {
        assertEquals(AlertDescription.HANDSHAKE_FAILURE,
                sendClientHello(without(ExtensionType.RENEGOTIATION_INFO), List.of()).alert());
        // RFC 5746 §3.3: the SCSV is an equivalent signal.
        assertNull(sendClientHello(without(ExtensionType.RENEGOTIATION_INFO),
                List.of(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)));
    }

    @Test
    void nonEmptyRenegotiationInfoIsRefused() {
        TlsFailure f = sendClientHello(l -> {
            List<Extension> out = new ArrayList<>(without(ExtensionType.RENEGOTIATION_INFO).apply(l));
            out.add(new org.layer45.message.extension.RenegotiationInfo(new byte[12]).toExtension());
            return out;
        }, List.of());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, f.alert());
    }

    @Test
    void ecPointFormatsWithoutUncompressedIsIllegal() {
        TlsFailure f = sendClientHello(l -> {
            List<Extension> out = new ArrayList<>(without(ExtensionType.EC_POINT_FORMATS).apply(l));
            out.add(new EcPointFormats(List.of(1)).toExtension());
            return out;
        }, List.of());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
        assertNull(sendClientHello(without(ExtensionType.EC_POINT_FORMATS), List.of())); // absent is fine
    }

    // ---- ServerHello checks on the client (ExpectServerHello12.checkExtensions: RFC 7627, RFC 5746)

    /** The extensions a conforming TLS 1.2 server sends us (ServerHandshake12.serverHello). */
    private static List<Extension> conformingServerHelloExtensions() {
        return List.of(new RenegotiationInfo(new byte[0]).toExtension(),
                new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]),
                new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)).toExtension());
    }

    /**
     * Answers the started {@code client}'s ClientHello with a TLS 1.2 ServerHello carrying the edited
     * extensions: {@code suite}, a random without downgrade sentinel, and {@code sessionId} (null: echo
     * the offered one, RFC 5246 §7.4.1.3). Returns the client's failure, or null if it went on. A failure
     * must be terminal with exactly one plaintext fatal alert record.
     */
    private static TlsFailure serverHelloTo(ClientConnection client, CipherSuite suite, byte[] sessionId,
            UnaryOperator<List<Extension>> edit) throws TlsFailure {
        byte[] hello = Wire.drainRecords(client).get(0);
        ClientHello ch = ClientHello.read(new TlsReader(
                Arrays.copyOfRange(hello, 9, hello.length)));
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0x11);
        byte[] msg = new ServerHello(ProtocolVersion.TLS12, random,
                sessionId == null ? ch.legacySessionId() : sessionId, suite, 0,
                Extensions.of(edit.apply(new ArrayList<>(conformingServerHelloExtensions())))).encode();
        ByteBuffer rec = ByteBuffer.allocate(5 + msg.length);
        rec.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) msg.length).put(msg).flip();
        TlsFailure f;
        try {
            client.processRecord(rec, ByteBuffer.allocate(1 << 16));
            return null;
        } catch (TlsFailure failure) {
            f = failure;
        }
        assertSame(f, client.failure());
        List<byte[]> out = Wire.drainRecords(client);
        assertEquals(1, out.size(), "one alert record");
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) f.alert().code()}, out.get(0));
        assertSame(f, assertThrows(TlsFailure.class, () -> client.processRecord(
                ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 0}), ByteBuffer.allocate(16))));
        return f;
    }

    private static ClientConnection started(Config config) throws TlsFailure {
        ClientConnection c = new ClientConnection(config);
        c.start();
        return c;
    }

    /** The TLS 1.2-only client and the TLS 1.3 + 1.2 one (which a TLS 1.2 ServerHello switches to 1.2). */
    private static List<Config> bothClients() {
        return List.of(client().build(),
                client().enabledProtocols(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)).build());
    }

    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    private static final byte[] NEW_SESSION_ID = new byte[32];

    @Test
    void conformingServerHelloIsAccepted() throws Exception {
        for (Config c : bothClients()) {
            ClientConnection client = started(c);
            assertNull(serverHelloTo(client, SUITE, NEW_SESSION_ID, l -> l));
            assertEquals("ExpectServerCertificate12", client.stateName()); // the control for the tests below
        }
    }

    /**
     * RFC 7627 §5.2: "If the client receives a ServerHello without the extension, it SHOULD abort the
     * handshake if it does not wish to interoperate with legacy servers" — we do not (DESIGN.md §8);
     * "abort the handshake" is "sending a fatal handshake_failure alert" (§5.2).
     */
    @Test
    void serverHelloWithoutExtendedMasterSecretIsHandshakeFailure() throws Exception {
        for (Config c : bothClients()) {
            TlsFailure f = serverHelloTo(started(c), SUITE, NEW_SESSION_ID,
                    without(ExtensionType.EXTENDED_MASTER_SECRET));
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, f.alert(), f::toString);
            assertEquals(Reason.MISSING_EXTENSION, f.reason());
        }
    }

    /**
     * RFC 7627 §5.3, resumption: "If the original session used the extension but the new ServerHello does
     * not contain the extension, the client MUST abort the handshake."
     */
    @Test
    void resumingServerHelloWithoutExtendedMasterSecretIsHandshakeFailure() throws Exception {
        Config config = client().build();
        Pump first = new Pump(config, server().build()).handshake();
        assertOk(first);
        CipherSuite suite = first.client.session().suite();
        // Control: the echo of the offered session id with the session's suite resumes it.
        ClientConnection control = started(config);
        assertNull(serverHelloTo(control, suite, null, l -> l));
        assertEquals("ExpectServerChangeCipherSpec", control.stateName());
        assertOk(new Pump(config, server().build()).handshake()); // a fresh session (sessions are single-use)
        TlsFailure f = serverHelloTo(started(config), suite, null, without(ExtensionType.EXTENDED_MASTER_SECRET));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, f.alert(), f::toString);
    }

    /**
     * RFC 5746 §3.4: without renegotiation_info "the server does not support secure renegotiation ...
     * some clients may want to terminate the handshake instead of continuing" — we do, with
     * handshake_failure (DESIGN.md §8: secure renegotiation indication required).
     */
    @Test
    void serverHelloWithoutRenegotiationInfoIsHandshakeFailure() throws Exception {
        for (Config c : bothClients()) {
            TlsFailure f = serverHelloTo(started(c), SUITE, NEW_SESSION_ID, without(ExtensionType.RENEGOTIATION_INFO));
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, f.alert(), f::toString);
            assertEquals(Reason.MISSING_EXTENSION, f.reason());
        }
    }

    /**
     * RFC 5746 §3.4: "The client MUST then verify that the length of the "renegotiated_connection" field
     * is zero, and if it is not, MUST abort the handshake (by sending a fatal handshake_failure alert)."
     */
    @Test
    void serverHelloWithNonEmptyRenegotiationInfoIsHandshakeFailure() throws Exception {
        for (Config c : bothClients()) {
            TlsFailure f = serverHelloTo(started(c), SUITE, NEW_SESSION_ID, l -> {
                List<Extension> out = new ArrayList<>(without(ExtensionType.RENEGOTIATION_INFO).apply(l));
                out.add(new RenegotiationInfo(new byte[24]).toExtension());
                return out;
            });
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, f.alert(), f::toString);
        }
    }
    /** A plaintext warning-level unrecognized_name alert record (RFC 6066 §3, RFC 5246 §7.2). */
    private static ByteBuffer warningUnrecognizedName() {
        return ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 1, 112});
    }

    /**
     * RFC 5246 §7.2: "If an alert with a level of warning is sent and received, generally the connection
     * can continue normally." A TLS 1.2 server that does not know the SNI name may send a warning
     * unrecognized_name before its ServerHello (RFC 6066 §3); both our clients carry on.
     */
    @Test
    void warningAlertBeforeServerHelloIsIgnored() throws Exception {
        for (Config c : bothClients()) {
            Pump p = new Pump(c, server().build());
            p.client.start();
            p.client.processRecord(warningUnrecognizedName(), ByteBuffer.allocate(1 << 16));
            p.run();
            assertOk(p);
            exchange(p);
        }
    }

    /** A warning after the TLS 1.2 handshake is ignored too, and data flows on. */
    @Test
    void warningAlertAfterTheHandshakeIsIgnored() throws Exception {
        Pump p = new Pump(client().build(), server().build()).handshake();
        p.server.testSealRecord(org.layer45.iana.ContentType.ALERT, new byte[] {1, 112});
        p.run();
        assertOk(p);
        exchange(p);
    }

    /** A run of warnings is a CPU lever, not a protocol: the fifth in a row ends the connection. */
    @Test
    void runOfWarningAlertsIsCapped() throws Exception {
        ClientConnection client = started(client().build());
        for (int i = 0; i < Connection.MAX_WARNING_ALERTS; i++) {
            client.processRecord(warningUnrecognizedName(), ByteBuffer.allocate(1 << 16));
        }
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> client.processRecord(warningUnrecognizedName(), ByteBuffer.allocate(1 << 16)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
        assertSame(f, client.failure());
    }

    /** A fatal-level alert stays fatal in TLS 1.2, whatever its description. */
    @Test
    void fatalAlertBeforeServerHelloEndsTheHandshake() throws Exception {
        ClientConnection client = started(client().build());
        TlsFailure f = assertThrows(TlsFailure.class, () -> client.processRecord(
                ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 2, 112}), ByteBuffer.allocate(1 << 16)));
        assertEquals(AlertDescription.UNRECOGNIZED_NAME, f.alert());
        assertEquals(Reason.PEER_ALERT, f.reason());
    }
}
