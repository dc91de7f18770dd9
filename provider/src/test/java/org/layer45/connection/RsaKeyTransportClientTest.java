package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Cipher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.crypto.Hkdf;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains12;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.Transcript12;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.ClientHello;
import org.layer45.message.ClientKeyExchange;
import org.layer45.message.Finished;
import org.layer45.message.HandshakeMessage;
import org.layer45.message.HandshakeMessages12;
import org.layer45.message.RawHandshake;
import org.layer45.message.ServerHello;
import org.layer45.message.ServerHelloDone;
import org.layer45.message.ServerKeyExchange;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.RenegotiationInfo;

/**
 * TLS 1.2 RSA key transport, client side (RFC 5246 §7.4.7.1, RFC 5288), against a scripted server:
 * not offered by default; when enabled, offered after every ECDHE suite; the ClientKeyExchange is 48
 * bytes beginning with ClientHello.client_version (0x0303), RSAES-PKCS1-v1_5 encrypted to the
 * certificate key, and the Finished uses the extended master secret (RFC 7627), checked by
 * recomputing both; a full handshake with data both ways; a ServerKeyExchange is
 * unexpected_message; a certificate key that is not RSA, or a key usage without keyEncipherment,
 * is unsupported_certificate (RFC 5246 §7.4.2).
 */
class RsaKeyTransportClientTest {
    private static final CertifiedKey RSA = TestCertificates.get(TestCertificates.Kind.RSA_2048);
    private static final CertifiedKey RSA_SIGN_ONLY = TestCertificates.get(TestCertificates.Kind.RSA_2048_SIGN_ONLY);
    private static final CertifiedKey ECDSA = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
    private static final CipherSuite RSA_128 = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite RSA_256 = CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384;
    private static final List<ProtocolVersion> ONLY_12 = List.of(ProtocolVersion.TLS12);
    private static final List<ProtocolVersion> BOTH = List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12);
    private static final CryptoBackend BACKEND = DefaultCryptoBackend.create();

    private static Config client(List<ProtocolVersion> versions, List<CipherSuite> suites, CertifiedKey trusted) {
        return Config.builder().serverName("rsa.test").enabledProtocols(versions).cipherSuites(suites)
                .peerVerifier(TrustedCertificatesVerifier.pinned(trusted.chain())).build();
    }

    // ---- offer

    @Test
    void notOfferedByDefault() throws Exception {
        for (CipherSuite rsa : List.of(RSA_128, RSA_256)) {
            assertFalse(Config.DEFAULT_SUITES.contains(rsa));
            assertTrue(Config.SUPPORTED_SUITES.contains(rsa));
        }
        for (List<ProtocolVersion> versions : List.of(ONLY_12, BOTH)) {
            ClientConnection c = new ClientConnection(Config.builder().enabledProtocols(versions).build());
            List<CipherSuite> offered = firstHello(c).hello().cipherSuites();
            assertTrue(offered.containsAll(Config.DEFAULT_SUITES_12), offered::toString);
            assertFalse(offered.contains(RSA_128), offered::toString);
            assertFalse(offered.contains(RSA_256), offered::toString);
        }
    }

    /** Listed first by the application, still offered after every ECDHE suite, in the configured order. */
    @Test
    void offeredAfterEveryEcdheSuiteWhenEnabled() throws Exception {
        List<CipherSuite> configured = new ArrayList<>(List.of(RSA_256, RSA_128));
        configured.addAll(Config.DEFAULT_SUITES);
        List<CipherSuite> expected12 = new ArrayList<>(Config.DEFAULT_SUITES_12);
        expected12.addAll(List.of(RSA_256, RSA_128));
        ClientConnection only12 = new ClientConnection(client(ONLY_12, configured, RSA));
        assertEquals(expected12, firstHello(only12).hello().cipherSuites());
        List<CipherSuite> expectedBoth = new ArrayList<>(CipherSuite.TLS13_ALL);
        expectedBoth.addAll(expected12);
        ClientConnection both = new ClientConnection(client(BOTH, configured, RSA));
        assertEquals(expectedBoth, firstHello(both).hello().cipherSuites());
    }

    // ---- a scripted server

    static Stream<Arguments> suitesAndVersions() {
        return Stream.of(Arguments.of(RSA_128, ONLY_12), Arguments.of(RSA_256, ONLY_12), Arguments.of(RSA_128, BOTH),
                Arguments.of(RSA_256, BOTH));
    }

    @ParameterizedTest(name = "{0} offering {1}")
    @MethodSource("suitesAndVersions")
    void fullHandshakeAgainstAScriptedServer(CipherSuite suite, List<ProtocolVersion> versions) throws Exception {
        ClientConnection c = new ClientConnection(client(versions, List.of(Config.DEFAULT_SUITES_12.get(0), suite),
                RSA));
        Sent hello = firstHello(c);
        Transcript12 t = new Transcript12();
        t.add(hello.encoded());
        byte[] serverRandom = bytes(32, 7);
        List<HandshakeMessage> flight = List.of(serverHello(suite, serverRandom), CertificateChains12.message(
                RSA.chain()), new ServerHelloDone());
        c.processRecord(record(22, encodeAll(t, flight)), ByteBuffer.allocate(1 << 15));
        List<byte[]> out = records(drain(c));
        assertEquals(List.of(22, 20, 22), out.stream().map(r -> r[0] & 0xFF).toList(), "CKE, CCS, Finished");

        // RFC 5246 §7.4.7.1: the only message of the first record; no Certificate (none requested).
        byte[] cke = Arrays.copyOfRange(out.get(0), 5, out.get(0).length);
        assertEquals(HandshakeType.CLIENT_KEY_EXCHANGE, cke[0]);
        t.add(cke);
        byte[] encrypted = new ClientKeyExchange(Arrays.copyOfRange(cke, 4, cke.length)).encryptedPreMasterSecret();
        assertEquals(256, encrypted.length, "one RSA-2048 block");
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.DECRYPT_MODE, RSA.key());
        byte[] preMaster = rsa.doFinal(encrypted);
        assertEquals(48, preMaster.length);
        // client_version is ClientHello.client_version (0x0303 also when TLS 1.3 is offered), not the negotiated one.
        assertEquals(ProtocolVersion.TLS12, hello.hello().legacyVersion());
        assertEquals(0x03, preMaster[0]);
        assertEquals(0x03, preMaster[1]);

        // RFC 7627 §4: master secret over the session hash up to and including ClientKeyExchange.
        Hkdf hkdf = BACKEND.hkdf(suite.hash());
        byte[] master = Tls12KeySchedule.extendedMasterSecret(hkdf, preMaster, t.hash(hkdf));
        Tls12Policy.Protections keys = Tls12Policy.protections(BACKEND, suite, master, hello.hello().random(),
                serverRandom);
        ByteBuffer finished = ByteBuffer.allocate(1 << 15);
        assertEquals(22, keys.client().open(ByteBuffer.wrap(out.get(2)), finished));
        byte[] clientFinished = Arrays.copyOf(finished.array(), finished.position());
        assertArrayEquals(new Finished(Tls12KeySchedule.verifyData(hkdf, master, true, t.hash(hkdf))).encode(),
                clientFinished);
        t.add(clientFinished);

        // Our ChangeCipherSpec and Finished complete the handshake; then data both ways.
        c.processRecord(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1}), ByteBuffer.allocate(16));
        byte[] serverFinished = new Finished(Tls12KeySchedule.verifyData(hkdf, master, false, t.hash(hkdf))).encode();
        c.processRecord(seal(keys.server(), 22, serverFinished), ByteBuffer.allocate(1 << 15));
        assertTrue(c.isHandshakeComplete(), c::stateName);
        assertEquals(suite, c.session().suite());
        assertNull(c.session().group(), "no key exchange group with RSA key transport");
        assertNull(c.session().signatureScheme(), "no ServerKeyExchange signature");
        assertEquals(RSA.chain(), c.session().peerCertificates());

        ByteBuffer app = ByteBuffer.allocate(1 << 15);
        c.processRecord(seal(keys.server(), 23, "from server".getBytes()), app);
        assertEquals("from server", new String(app.array(), 0, app.position()));
        ByteBuffer net = ByteBuffer.allocate(c.maxSealedRecordSize());
        c.sealApplicationData(new ByteBuffer[] {ByteBuffer.wrap("from client".getBytes())}, 0, 1, net);
        ByteBuffer plain = ByteBuffer.allocate(1 << 15);
        assertEquals(23, keys.client().open(net.flip(), plain));
        assertEquals("from client", new String(plain.array(), 0, plain.position()));
    }

    /** RFC 5246 §7.4.3: no ServerKeyExchange with RSA key transport. */
    @Test
    void serverKeyExchangeUnderRsaSuiteIsUnexpectedMessage() throws Exception {
        ServerKeyExchange ske = new ServerKeyExchange(NamedGroup.X25519, bytes(32, 1),
                SignatureScheme.RSA_PSS_RSAE_SHA256, bytes(256, 2));
        TlsFailure f = scriptedFailure(RSA, RSA, ske);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert(), f::toString);
    }

    /** RFC 5246 §7.4.2: the key exchange RSA needs an RSA certificate key. */
    @Test
    void ecdsaCertificateUnderRsaSuiteIsUnsupportedCertificate() throws Exception {
        TlsFailure f = scriptedFailure(ECDSA, ECDSA, null);
        assertEquals(AlertDescription.UNSUPPORTED_CERTIFICATE, f.alert(), f::toString);
        assertTrue(f.getMessage().contains("does not fit"), f::getMessage);
    }

    /** RFC 5246 §7.4.2: "the keyEncipherment bit MUST be set if the key usage extension is present". */
    @Test
    void certificateWithoutKeyEnciphermentIsUnsupportedCertificate() throws Exception {
        assertFalse(RSA_SIGN_ONLY.chain().get(0).getKeyUsage()[2], "test certificate lacks keyEncipherment");
        TlsFailure f = scriptedFailure(RSA_SIGN_ONLY, RSA_SIGN_ONLY, null);
        assertEquals(AlertDescription.UNSUPPORTED_CERTIFICATE, f.alert(), f::toString);
        assertTrue(f.getMessage().contains("keyEncipherment"), f::getMessage);
    }

    /**
     * The client (trusting {@code trusted}) gets ServerHello(TLS_RSA_WITH_AES_128_GCM_SHA256), a
     * Certificate for {@code served}, {@code extra} if any, ServerHelloDone; returns its failure after
     * checking that the fatal alert went out and nothing else did.
     */
    private static TlsFailure scriptedFailure(CertifiedKey served, CertifiedKey trusted, HandshakeMessage extra)
            throws Exception {
        ClientConnection c = new ClientConnection(client(ONLY_12, List.of(RSA_128), trusted));
        Transcript12 t = new Transcript12();
        t.add(firstHello(c).encoded());
        List<HandshakeMessage> flight = new ArrayList<>(List.of(serverHello(RSA_128, bytes(32, 9)),
                CertificateChains12.message(served.chain())));
        if (extra != null) {
            flight.add(extra);
        }
        flight.add(new ServerHelloDone());
        ByteBuffer rec = record(22, encodeAll(t, flight));
        TlsFailure f = assertThrows(TlsFailure.class, () -> c.processRecord(rec, ByteBuffer.allocate(1 << 15)));
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, (byte) f.alert().code()}, drain(c), "only the fatal alert");
        return f;
    }

    private static ServerHello serverHello(CipherSuite suite, byte[] random) {
        List<Extension> ext = List.of(new RenegotiationInfo(new byte[0]).toExtension(),
                new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        return new ServerHello(ProtocolVersion.TLS12, random, bytes(32, 3), suite, 0, Extensions.of(ext));
    }

    // ---- wire helpers

    /** A sent handshake message, decoded and as encoded. */
    private record Sent(ClientHello hello, byte[] encoded) {
    }

    private static Sent firstHello(ClientConnection c) throws TlsFailure {
        c.start();
        byte[] rec = records(drain(c)).get(0);
        byte[] encoded = Arrays.copyOfRange(rec, 5, rec.length);
        byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
        ClientHello ch = (ClientHello) HandshakeMessages12.decode12(new RawHandshake(encoded[0], body, encoded));
        return new Sent(ch, encoded);
    }

    private static byte[] encodeAll(Transcript12 t, List<HandshakeMessage> messages) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (HandshakeMessage m : messages) {
            b.writeBytes(t.add(m));
        }
        return b.toByteArray();
    }

    static byte[] drain(Connection c) throws TlsFailure {
        ByteBuffer out = ByteBuffer.allocate(1 << 17);
        c.drainPendingOutput(out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Splits a byte stream into whole records (header included). */
    static List<byte[]> records(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p + 5 <= stream.length;) {
            int n = 5 + (((stream[p + 3] & 0xFF) << 8) | (stream[p + 4] & 0xFF));
            out.add(Arrays.copyOfRange(stream, p, p + n));
            p += n;
        }
        return out;
    }

    static ByteBuffer record(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(5 + body.length);
        b.put((byte) type).put((byte) 3).put((byte) 3).putShort((short) body.length).put(body).flip();
        return b;
    }

    private static ByteBuffer seal(org.layer45.record.RecordProtection p, int type, byte[] content)
            throws TlsFailure {
        ByteBuffer dst = ByteBuffer.allocate(p.maxRecordSize(content.length, 0));
        p.seal(type, ByteBuffer.wrap(content), dst, 0);
        return dst.flip();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
