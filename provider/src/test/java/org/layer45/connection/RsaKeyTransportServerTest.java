package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.crypto.Hkdf;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.Transcript12;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.ClientKeyExchange;
import org.layer45.message.Finished;

/**
 * TLS 1.2 RSA key transport, server side (RFC 5246 §7.4.7.1): Layer45 client ↔ Layer45 server with
 * both suites (data both ways, client authentication, session-id resumption), used only when the
 * server's application enabled it and ECDHE preferred when both are possible; and the implicit
 * rejection of Bleichenbacher-style probes. For that, a scripted client sends hand-made
 * ClientKeyExchange messages — wrong padding, right padding around the wrong premaster, a wrong
 * client_version, a wrong length, a ciphertext of the wrong size — each followed by a Finished keyed
 * from the premaster the client believes in, to a server whose randomness is seeded; every one of
 * them must get byte-for-byte the same server output (its flight, then a bad_record_mac alert at the
 * Finished, nothing at the ClientKeyExchange), while a correct one completes.
 */
class RsaKeyTransportServerTest {
    private static final CertifiedKey RSA = TestCertificates.get(TestCertificates.Kind.RSA_2048);
    private static final CertifiedKey RSA_SIGN_ONLY = TestCertificates.get(TestCertificates.Kind.RSA_2048_SIGN_ONLY);
    private static final CertifiedKey CLIENT = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final CipherSuite RSA_128 = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    private static final List<ProtocolVersion> ONLY_12 = List.of(ProtocolVersion.TLS12);
    private static final CryptoBackend BACKEND = DefaultCryptoBackend.create();

    private static Config.Builder server(List<CipherSuite> suites, CertifiedKey key) {
        return Config.builder().enabledProtocols(ONLY_12).cipherSuites(suites)
                .certificateSelector(CertificateSelector.fixed(key))
                .peerVerifier(TrustedCertificatesVerifier.pinned(CLIENT.chain()));
    }

    private static Config.Builder client(List<CipherSuite> suites) {
        return Config.builder().serverName("rsa.test").enabledProtocols(ONLY_12).cipherSuites(suites)
                .peerVerifier(TrustedCertificatesVerifier.pinned(RSA.chain()));
    }

    private static void assertOk(Pump p, CipherSuite suite) throws TlsFailure {
        assertNull(p.clientSide.failure, () -> "client: " + p.clientSide.failure);
        assertNull(p.serverSide.failure, () -> "server: " + p.serverSide.failure);
        assertTrue(p.client.isHandshakeComplete() && p.server.isHandshakeComplete());
        assertEquals(suite, p.client.session().suite());
        assertEquals(suite, p.server.session().suite());
        p.send(p.client, "ping".getBytes());
        p.send(p.server, "pong".getBytes());
        assertArrayEquals("ping".getBytes(), p.serverSide.takeReceived());
        assertArrayEquals("pong".getBytes(), p.clientSide.takeReceived());
    }

    // ---- Layer45 <-> Layer45

    static List<CipherSuite> suites() {
        return Config.RSA_KEY_TRANSPORT_SUITES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void layer45BothSides(CipherSuite suite) throws Exception {
        Pump p = new Pump(client(List.of(suite)).build(), server(Config.SUPPORTED_SUITES, RSA).build()).handshake();
        assertOk(p, suite);
        for (Connection c : List.of(p.client, p.server)) {
            assertNull(c.session().group());
            assertNull(c.session().signatureScheme());
            assertEquals(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO, HandshakeType.CERTIFICATE,
                    HandshakeType.SERVER_HELLO_DONE, HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.FINISHED,
                    HandshakeType.NEW_SESSION_TICKET, HandshakeType.FINISHED), c.session().handshakeMessages());
        }
        assertArrayEquals(p.client.exportKeyingMaterial("EXPERIMENTAL-rsa", null, 32),
                p.server.exportKeyingMaterial("EXPERIMENTAL-rsa", null, 32));
    }

    @Test
    void clientAuthenticationAndSessionIdResumption() throws Exception {
        Config clientConfig = client(List.of(RSA_128)).certificateSelector(CertificateSelector.fixed(CLIENT)).build();
        Config serverConfig = server(Config.SUPPORTED_SUITES, RSA).clientAuth(ClientAuth.REQUIRED).maxTicketsSent(0)
                .build();
        Pump first = new Pump(clientConfig, serverConfig).handshake();
        assertOk(first, RSA_128);
        assertEquals(CLIENT.chain(), first.server.session().peerCertificates());
        assertTrue(first.client.session().handshakeMessages().contains(HandshakeType.CERTIFICATE_VERIFY));
        Pump second = new Pump(clientConfig, serverConfig).handshake();
        assertOk(second, RSA_128);
        assertTrue(second.client.session().resumed() && second.server.session().resumed());
        assertEquals(CLIENT.chain(), second.server.session().peerCertificates());
    }

    /** The server prefers forward secrecy: an ECDHE suite whenever the client offers one. */
    @Test
    void ecdheIsPreferredWhenBothAreOffered() throws Exception {
        List<CipherSuite> rsaFirst = new ArrayList<>(Config.RSA_KEY_TRANSPORT_SUITES);
        rsaFirst.addAll(Config.DEFAULT_SUITES);
        Pump p = new Pump(client(rsaFirst).build(), server(rsaFirst, RSA).build()).handshake();
        assertOk(p, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    }

    /** Off by default on the server too: a client offering only TLS_RSA_* finds no suite in common. */
    @Test
    void notSelectedUnlessTheServerEnabledIt() throws Exception {
        Pump p = new Pump(client(List.of(RSA_128)).build(), server(Config.DEFAULT_SUITES, RSA).build()).handshake();
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.server.failure().alert());
        assertEquals(Reason.NO_COMMON_CIPHER_SUITE, p.server.failure().reason());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, p.clientSide.failure.alert());
    }

    /** RFC 5246 §7.4.2: a certificate without keyEncipherment is never used for RSA key transport. */
    @Test
    void certificateWithoutKeyEnciphermentIsNotUsed() throws Exception {
        Config clientConfig = client(List.of(RSA_128)).peerVerifier(TrustedCertificatesVerifier.pinned(
                RSA_SIGN_ONLY.chain())).build();
        Pump p = new Pump(clientConfig, server(Config.SUPPORTED_SUITES, RSA_SIGN_ONLY).build()).handshake();
        assertEquals(Reason.NO_COMMON_CIPHER_SUITE, p.server.failure().reason());
        // With an ECDHE_RSA suite offered too, the same certificate serves it by signing.
        List<CipherSuite> both = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, RSA_128);
        Pump q = new Pump(client(both).peerVerifier(TrustedCertificatesVerifier.pinned(RSA_SIGN_ONLY.chain()))
                .build(), server(Config.SUPPORTED_SUITES, RSA_SIGN_ONLY).build()).handshake();
        assertOk(q, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
    }

    // ---- implicit rejection (RFC 5246 §7.4.7.1)

    /**
     * What the scripted client sends: the EncryptedPreMasterSecret and the premaster its own keys
     * (and so its Finished) come from.
     */
    private record Probe(byte[] encrypted, byte[] clientPreMaster) {
    }

    /** What the server did: every byte it wrote, its state after ClientKeyExchange, its failure. */
    private record Outcome(byte[] wire, String stateAfterKeyExchange, TlsFailure failure, boolean complete) {
    }

    @Test
    void badPaddingAndWrongPremasterAreIndistinguishableOnTheWire() throws Exception {
        byte[] hello = clientHello();
        byte[] p = preMaster(0x0303, 1);
        Outcome good = run(hello, new Probe(pkcs1(p), p));
        assertTrue(good.complete(), () -> "control handshake failed: " + good.failure());
        assertNull(good.failure());

        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("wrong padding (block type 1) around the right premaster", new Probe(raw(block(p, 1)), p));
        probes.put("wrong padding (zero in PS) around the right premaster", new Probe(raw(zeroInPadding(p)), p));
        probes.put("right padding, wrong premaster", new Probe(pkcs1(preMaster(0x0303, 2)), p));
        byte[] oldVersion = preMaster(0x0301, 3);
        probes.put("right padding, client_version 0x0301 (and keys from it)", new Probe(pkcs1(oldVersion), oldVersion));
        probes.put("right padding, 49-byte premaster", new Probe(pkcs1(Arrays.copyOf(p, 49)), p));
        probes.put("right padding, 47-byte premaster", new Probe(pkcs1(Arrays.copyOf(p, 47)), p));
        probes.put("ciphertext one byte short", new Probe(Arrays.copyOf(pkcs1(p), 255), p));

        Outcome reference = null;
        for (Map.Entry<String, Probe> e : probes.entrySet()) {
            Outcome o = run(hello, e.getValue());
            String what = e.getKey();
            // No alert and no other reaction at ClientKeyExchange: the handshake went on.
            assertEquals("ExpectClientChangeCipherSpec", o.stateAfterKeyExchange(), what);
            assertFalse(o.complete(), what);
            assertEquals(AlertDescription.BAD_RECORD_MAC, o.failure().alert(), what);
            assertEquals(Reason.BAD_RECORD_MAC, o.failure().reason(), what);
            byte[] flight = Arrays.copyOf(good.wire(), o.wire().length - 7);
            byte[] alert = {21, 3, 3, 0, 2, 2, (byte) AlertDescription.BAD_RECORD_MAC.code()};
            assertArrayEquals(flight, Arrays.copyOf(o.wire(), flight.length), what + ": server flight");
            assertArrayEquals(alert, Arrays.copyOfRange(o.wire(), flight.length, o.wire().length), what);
            if (reference == null) {
                reference = o;
            }
            assertArrayEquals(reference.wire(), o.wire(), what + ": server output differs from the first probe's");
        }
    }

    /**
     * The EncryptedPreMasterSecret vector's framing is public, so a malformed one is a decode_error
     * (RFC 5246 §7.4.7.1 implementation note: the two length bytes are required), as is the ECDHE form.
     */
    @Test
    void malformedEncryptedPreMasterSecretIsDecodeError() throws Exception {
        byte[] hello = clientHello();
        byte[][] bodies = {{1, 0, 1, 2, 3}, {0, 0}, {1}, {4, 1, 2, 3, 4}, new byte[256]};
        for (byte[] body : bodies) {
            ServerConnection server = new ServerConnection(server(Config.SUPPORTED_SUITES, RSA).build());
            server.processRecord(RsaKeyTransportClientTest.record(22, hello), ByteBuffer.allocate(1 << 15));
            RsaKeyTransportClientTest.drain(server);
            assertEquals("ExpectClientKeyExchange", server.stateName());
            byte[] cke = new ClientKeyExchange(body).encode();
            TlsFailure f = org.junit.jupiter.api.Assertions.assertThrows(TlsFailure.class,
                    () -> server.processRecord(RsaKeyTransportClientTest.record(22, cke), ByteBuffer.allocate(64)));
            assertEquals(AlertDescription.DECODE_ERROR, f.alert(), Arrays.toString(body));
        }
    }

    /** A ClientHello offering only TLS_RSA_WITH_AES_128_GCM_SHA256, from a Layer45 client. */
    private static byte[] clientHello() throws TlsFailure {
        ClientConnection c = new ClientConnection(client(List.of(RSA_128)).backend(
                DefaultCryptoBackend.create(new SeededRandom(7))).build());
        c.start();
        byte[] rec = RsaKeyTransportClientTest.drain(c);
        return Arrays.copyOfRange(rec, 5, rec.length);
    }

    /**
     * A server with seeded randomness (so its output is reproducible) gets {@code hello}, then the
     * probe's ClientKeyExchange, ChangeCipherSpec and a Finished keyed from the probe's premaster.
     */
    private static Outcome run(byte[] hello, Probe probe) throws Exception {
        ServerConnection server = new ServerConnection(server(Config.SUPPORTED_SUITES, RSA)
                .backend(DefaultCryptoBackend.create(new SeededRandom(11))).build());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        server.processRecord(RsaKeyTransportClientTest.record(22, hello), ByteBuffer.allocate(1 << 15));
        byte[] flight = RsaKeyTransportClientTest.drain(server);
        wire.writeBytes(flight);
        Transcript12 t = new Transcript12();
        t.add(hello);
        byte[] serverRandom = null;
        for (byte[] rec : RsaKeyTransportClientTest.records(flight)) {
            for (int p = 5; p < rec.length;) {
                int n = 4 + (((rec[p + 1] & 0xFF) << 16) | ((rec[p + 2] & 0xFF) << 8) | (rec[p + 3] & 0xFF));
                byte[] message = Arrays.copyOfRange(rec, p, p + n);
                serverRandom = message[0] == HandshakeType.SERVER_HELLO ? Arrays.copyOfRange(message, 6, 38)
                        : serverRandom;
                t.add(message);
                p += n;
            }
        }
        byte[] cke = ClientKeyExchange.rsa(probe.encrypted()).encode();
        t.add(cke);
        server.processRecord(RsaKeyTransportClientTest.record(22, cke), ByteBuffer.allocate(1 << 15));
        String state = server.stateName();
        wire.writeBytes(RsaKeyTransportClientTest.drain(server));
        Hkdf hkdf = BACKEND.hkdf(RSA_128.hash());
        byte[] master = Tls12KeySchedule.extendedMasterSecret(hkdf, probe.clientPreMaster(), t.hash(hkdf));
        Tls12Policy.Protections keys = Tls12Policy.protections(BACKEND, RSA_128, master,
                Arrays.copyOfRange(hello, 6, 38), serverRandom);
        byte[] finished = new Finished(Tls12KeySchedule.verifyData(hkdf, master, true, t.hash(hkdf))).encode();
        ByteBuffer sealed = ByteBuffer.allocate(keys.client().maxRecordSize(finished.length, 0));
        keys.client().seal(22, ByteBuffer.wrap(finished), sealed, 0);
        TlsFailure failure = null;
        try {
            server.processRecord(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1}), ByteBuffer.allocate(16));
            server.processRecord(sealed.flip(), ByteBuffer.allocate(1 << 15));
        } catch (TlsFailure f) {
            failure = f;
        }
        wire.writeBytes(RsaKeyTransportClientTest.drain(server));
        return new Outcome(wire.toByteArray(), state, failure, server.isHandshakeComplete());
    }

    private static byte[] preMaster(int version, int seed) {
        byte[] p = new byte[48];
        new java.util.Random(seed).nextBytes(p);
        p[0] = (byte) (version >>> 8);
        p[1] = (byte) version;
        return p;
    }

    /** An EME-PKCS1-v1_5 block (RFC 8017 §7.2.1) around {@code m} with block type {@code type}. */
    private static byte[] block(byte[] m, int type) {
        byte[] em = new byte[256];
        em[1] = (byte) type;
        Arrays.fill(em, 2, 256 - m.length - 1, (byte) 0x77);
        System.arraycopy(m, 0, em, 256 - m.length, m.length);
        return em;
    }

    /** A type-2 block whose padding has a zero byte, so the "message" after it would be 100 bytes. */
    private static byte[] zeroInPadding(byte[] m) {
        byte[] em = block(m, 2);
        em[256 - 101] = 0;
        return em;
    }

    private static byte[] raw(byte[] em) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, RSA.chain().get(0).getPublicKey());
        return c.doFinal(em);
    }

    private static byte[] pkcs1(byte[] m) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, RSA.chain().get(0).getPublicKey());
        return c.doFinal(m);
    }
}
