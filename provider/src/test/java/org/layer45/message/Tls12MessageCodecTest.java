package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;

/**
 * TLS 1.2 handshake message codecs: round trips, every strict prefix and every one-byte extension of
 * a body fails with decode_error, and more than 100,000 random and mutated bodies into every 1.2 decoder
 * give only a message that re-encodes to them or a TlsFailure with the right alert (never another exception).
 */
class Tls12MessageCodecTest {
    private static final List<HandshakeMessage> SAMPLES = List.of(
            new ServerKeyExchange(NamedGroup.SECP256R1, new byte[65], SignatureScheme.ECDSA_SECP256R1_SHA256,
                    new byte[71]),
            new Certificate12(List.of(new byte[] {1, 2, 3}, new byte[] {4})),
            new Certificate12(List.of()),
            new CertificateRequest12(new byte[] {64, 1}, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
                    SignatureScheme.RSA_PKCS1_SHA256), List.of(new byte[] {0x30, 0})),
            new NewSessionTicket12(7200, new byte[40]),
            new NewSessionTicket12(0, new byte[0]),
            new CertificateStatus(CertificateStatus.OCSP, new byte[] {0x30, 3, 10, 1, 0}));

    private static RawHandshake raw(int type, byte[] body) {
        byte[] encoded = new byte[4 + body.length];
        encoded[0] = (byte) type;
        encoded[1] = (byte) (body.length >>> 16);
        encoded[2] = (byte) (body.length >>> 8);
        encoded[3] = (byte) body.length;
        System.arraycopy(body, 0, encoded, 4, body.length);
        return new RawHandshake(type, body, encoded);
    }

    @Test
    void roundTrip() throws Exception {
        for (HandshakeMessage m : SAMPLES) {
            byte[] encoded = m.encode();
            HandshakeMessage decoded = HandshakeMessages12.decode12(raw(m.type(),
                    Arrays.copyOfRange(encoded, 4, encoded.length)));
            assertEquals(m.getClass(), decoded.getClass());
            assertArrayEquals(encoded, decoded.encode(), m::toString);
        }
        assertEquals(new ServerHelloDone(), HandshakeMessages12.decode12(raw(HandshakeType.SERVER_HELLO_DONE,
                new byte[0])));
        assertEquals(new HelloRequest(), HandshakeMessages12.decode12(raw(HandshakeType.HELLO_REQUEST, new byte[0])));
    }

    @Test
    void noStrictPrefixAndNoExtensionDecodes() {
        for (HandshakeMessage m : SAMPLES) {
            byte[] encoded = m.encode();
            byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
            for (int i = 0; i < body.length; i++) {
                int n = i;
                byte[] prefix = Arrays.copyOf(body, n);
                TlsFailure f = assertThrows(TlsFailure.class, () -> HandshakeMessages12.decode12(raw(m.type(), prefix)),
                        () -> m + " prefix " + n);
                assertEquals(AlertDescription.DECODE_ERROR, f.alert());
            }
            byte[] longer = Arrays.copyOf(body, body.length + 1);
            assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class,
                    () -> HandshakeMessages12.decode12(raw(m.type(), longer))).alert());
        }
        for (int type : List.of(HandshakeType.SERVER_HELLO_DONE, HandshakeType.HELLO_REQUEST)) {
            assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class,
                    () -> HandshakeMessages12.decode12(raw(type, new byte[1]))).alert());
        }
    }

    @Test
    void explicitCurvesAndEmptyPointsAreRefused() throws TlsFailure {
        byte[] explicit = {1, 0, 23, 1, 4, 4, 3, 0, 0};
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, assertThrows(TlsFailure.class,
                () -> HandshakeMessages12.decode12(raw(HandshakeType.SERVER_KEY_EXCHANGE, explicit))).alert());
        byte[] emptyPoint = {3, 0, 23, 0, 4, 3, 0, 0};
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class,
                () -> HandshakeMessages12.decode12(raw(HandshakeType.SERVER_KEY_EXCHANGE, emptyPoint))).alert());
        ClientKeyExchange emptyYc = (ClientKeyExchange) HandshakeMessages12.decode12(
                raw(HandshakeType.CLIENT_KEY_EXCHANGE, new byte[] {0}));
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class, emptyYc::ecdhYc).alert());
    }

    /**
     * RFC 5246 §7.4.7: the ClientKeyExchange body is read by the negotiated key exchange. Both forms
     * round-trip; every strict prefix and one-byte extension of either fails with decode_error in its
     * own view; an empty body is no ClientKeyExchange at all.
     */
    @Test
    void clientKeyExchangeIsReadByTheNegotiatedKeyExchange() throws Exception {
        byte[] point = new byte[65];
        new Random(3).nextBytes(point);
        byte[] encrypted = new byte[256];
        new Random(4).nextBytes(encrypted);
        ClientKeyExchange ecdhe = ClientKeyExchange.ecdhe(point);
        ClientKeyExchange rsa = ClientKeyExchange.rsa(encrypted);
        assertArrayEquals(point, ecdhe.ecdhYc());
        assertArrayEquals(encrypted, rsa.encryptedPreMasterSecret());
        assertEquals(1 + 65, ecdhe.exchangeKeys().length);
        assertEquals(2 + 256, rsa.exchangeKeys().length); // RFC 5246 §7.4.7.1: with the two length bytes
        for (ClientKeyExchange m : List.of(ecdhe, rsa)) {
            byte[] encoded = m.encode();
            byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
            ClientKeyExchange decoded = (ClientKeyExchange) HandshakeMessages12.decode12(
                    raw(HandshakeType.CLIENT_KEY_EXCHANGE, body));
            assertArrayEquals(encoded, decoded.encode());
            boolean isEcdhe = m == ecdhe;
            for (int n = 1; n <= body.length + 1; n++) {
                if (n == body.length) {
                    continue;
                }
                ClientKeyExchange cut = new ClientKeyExchange(Arrays.copyOf(body, n));
                org.junit.jupiter.api.function.Executable view = isEcdhe ? cut::ecdhYc : cut::encryptedPreMasterSecret;
                TlsFailure f = assertThrows(TlsFailure.class, view, "length " + n);
                assertEquals(AlertDescription.DECODE_ERROR, f.alert());
            }
        }
        // Neither form reads as the other (their length prefixes differ in width).
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class, ecdhe::encryptedPreMasterSecret)
                .alert());
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class, rsa::ecdhYc).alert());
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class,
                () -> HandshakeMessages12.decode12(raw(HandshakeType.CLIENT_KEY_EXCHANGE, new byte[0]))).alert());
        assertEquals(AlertDescription.DECODE_ERROR, assertThrows(TlsFailure.class,
                ClientKeyExchange.rsa(new byte[0])::encryptedPreMasterSecret).alert());
    }

    /**
     * More than 100,000 seeded inputs into decode12 for every TLS 1.2 type: half random bytes, half
     * mutations ({@link DecoderFuzzTest#mutate}) of random well-formed messages, sometimes decoded as
     * another type. Each gives a message of that type whose encoding is exactly the input (TLS encodings
     * are canonical, so nothing was skipped or invented), or a TlsFailure with decode_error (RFC 5246
     * §7.2.2: "A message could not be decoded because some field was out of the specified range or the
     * length of the message was incorrect") — except for the two checks the decoders make on well-formed
     * fields, which are illegal_parameter: a repeated extension in a hello (RFC 5246 §7.4.1.4: "There MUST
     * NOT be more than one extension of the same type") and explicit curve parameters in a
     * ServerKeyExchange (RFC 8422 §5.4: only named_curve). Never another exception.
     */
    @Test
    void randomAndMutatedBytesIntoEveryDecoder() {
        Random random = new Random(12);
        Map<String, Integer> outcomes = new TreeMap<>();
        int inputs = 120_000;
        for (int i = 0; i < inputs; i++) {
            int type = Samples.TYPES_12[random.nextInt(Samples.TYPES_12.length)];
            byte[] body;
            if (i % 2 == 0) {
                body = Samples.bytes(random, 0, random.nextInt(8) == 0 ? 600 : 64);
            } else {
                int seedType = random.nextInt(8) == 0 ? Samples.TYPES_12[random.nextInt(Samples.TYPES_12.length)]
                        : type;
                HandshakeMessage seed = withRepeatedExtension(random, Samples.message12(random, seedType));
                body = DecoderFuzzTest.mutate(random, Samples.body(seed));
            }
            String outcome;
            try {
                HandshakeMessage m = HandshakeMessages12.decode12(raw(type, body));
                assertEquals(type, m.type());
                assertArrayEquals(body, reencoded(m, body.length), () -> "re-encoding of "
                        + HexFormat.of().formatHex(body));
                outcome = "decoded";
            } catch (TlsFailure f) {
                assertAllowedFailure(type, body, f);
                outcome = f.alert().name() + " (" + f.reason() + ")";
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("decode12(" + type + ") threw " + e + " on "
                        + HexFormat.of().formatHex(body), e);
            }
            outcomes.merge(HandshakeType.name(type) + ": " + outcome, 1, Integer::sum);
        }
        System.out.println("tls 1.2 decoder fuzz: " + inputs + " inputs: " + outcomes);
        // Every decoder was reached with inputs it accepts and inputs it refuses.
        for (int type : Samples.TYPES_12) {
            String name = HandshakeType.name(type);
            assertTrue(outcomes.getOrDefault(name + ": decoded", 0) > 100, name + " decoded");
            if (type != HandshakeType.HELLO_REQUEST && type != HandshakeType.SERVER_HELLO_DONE
                    && type != HandshakeType.FINISHED) { // empty bodies, and any non-empty verify_data
                assertTrue(outcomes.getOrDefault(name + ": decode_error (MALFORMED_MESSAGE)", 0) > 100, name);
            }
        }
        assertTrue(outcomes.getOrDefault("client_hello: illegal_parameter (DUPLICATE_EXTENSION)", 0) > 0);
        assertTrue(outcomes.getOrDefault("server_key_exchange: illegal_parameter (ILLEGAL_PARAMETER)", 0) > 0);
    }

    /** A quarter of the hellos with extensions get one of them twice. */
    private static HandshakeMessage withRepeatedExtension(Random r, HandshakeMessage m) {
        if (!(m instanceof ClientHello ch) || ch.extensions().list().isEmpty() || r.nextInt(4) != 0) {
            return m;
        }
        List<Extension> twice = new ArrayList<>(ch.extensions().list());
        twice.add(twice.get(r.nextInt(twice.size())));
        return new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), Extensions.of(twice));
    }

    /**
     * The encoding of a decoded message. RFC 5246 §7.4.1.2: a hello may end without an extensions block,
     * which decodes as an empty one, re-encoded as two zero bytes more.
     */
    private static byte[] reencoded(HandshakeMessage m, int receivedLength) {
        byte[] again = Samples.body(m);
        Extensions ext = m instanceof ClientHello ch ? ch.extensions()
                : m instanceof ServerHello sh ? sh.extensions() : null;
        if (ext != null && ext.list().isEmpty() && again.length == receivedLength + 2) {
            assertEquals(0, again[receivedLength] | again[receivedLength + 1]);
            return Arrays.copyOf(again, receivedLength);
        }
        return again;
    }

    private static void assertAllowedFailure(int type, byte[] body, TlsFailure f) {
        boolean hello = type == HandshakeType.CLIENT_HELLO || type == HandshakeType.SERVER_HELLO;
        boolean decodeError = f.alert().equals(AlertDescription.DECODE_ERROR) && f.reason() == Reason.MALFORMED_MESSAGE;
        boolean repeatedExtension = hello && f.reason() == Reason.DUPLICATE_EXTENSION;
        boolean explicitCurve = type == HandshakeType.SERVER_KEY_EXCHANGE && f.reason() == Reason.ILLEGAL_PARAMETER
                && body.length > 0 && body[0] != ServerKeyExchange.NAMED_CURVE;
        boolean allowed = decodeError
                || f.alert().equals(AlertDescription.ILLEGAL_PARAMETER) && (repeatedExtension || explicitCurve);
        assertTrue(allowed, () -> "decode12(" + HandshakeType.name(type) + "): " + f + " on "
                + HexFormat.of().formatHex(body));
    }
}
