package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * TLS 1.2 handshake message codecs: round trips, every strict prefix and every one-byte extension of
 * a body fails with decode_error, and random bytes into every 1.2 decoder give only a message or a
 * TlsFailure (never a runtime exception).
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
            new NewSessionTicket12(0, new byte[0]));

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

    @Test
    void randomBytesIntoEveryDecoder() {
        Random random = new Random(12);
        int[] types = {HandshakeType.HELLO_REQUEST, HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
            HandshakeType.NEW_SESSION_TICKET, HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE,
            HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE, HandshakeType.CERTIFICATE_VERIFY,
            HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.FINISHED};
        for (int i = 0; i < 20000; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            int type = types[random.nextInt(types.length)];
            try {
                HandshakeMessages12.decode12(raw(type, body));
            } catch (TlsFailure expected) {
                // malformed input must surface as a TlsFailure, nothing else
            }
        }
    }
}
