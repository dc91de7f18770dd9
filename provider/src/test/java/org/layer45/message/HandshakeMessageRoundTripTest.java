package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.Extension;

/** encode → decode13 → encode yields identical bytes, for every TLS 1.3 handshake message type. */
class HandshakeMessageRoundTripTest {

    private static void assertRoundTrip(HandshakeMessage m) throws TlsFailure {
        byte[] encoded = m.encode();
        assertEquals(m.type(), encoded[0] & 0xFF);
        int length = ((encoded[1] & 0xFF) << 16) | ((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF);
        assertEquals(encoded.length - 4, length, "u24 length");
        byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
        HandshakeMessage decoded = HandshakeMessages.decode13(m.type(), body);
        assertEquals(m.getClass(), decoded.getClass());
        assertArrayEquals(encoded, decoded.encode());
    }

    private static Arbitrary<HandshakeMessage> of(int type) {
        return Arbitraries.randomValue(r -> Samples.message(r, type));
    }

    @Provide
    Arbitrary<HandshakeMessage> clientHellos() {
        return of(HandshakeType.CLIENT_HELLO);
    }

    @Provide
    Arbitrary<HandshakeMessage> serverHellos() {
        return of(HandshakeType.SERVER_HELLO);
    }

    @Provide
    Arbitrary<HandshakeMessage> tickets() {
        return of(HandshakeType.NEW_SESSION_TICKET);
    }

    @Provide
    Arbitrary<HandshakeMessage> encryptedExtensions() {
        return of(HandshakeType.ENCRYPTED_EXTENSIONS);
    }

    @Provide
    Arbitrary<HandshakeMessage> certificates() {
        return of(HandshakeType.CERTIFICATE);
    }

    @Provide
    Arbitrary<HandshakeMessage> certificateRequests() {
        return of(HandshakeType.CERTIFICATE_REQUEST);
    }

    @Provide
    Arbitrary<HandshakeMessage> certificateVerifies() {
        return of(HandshakeType.CERTIFICATE_VERIFY);
    }

    @Provide
    Arbitrary<HandshakeMessage> finisheds() {
        return of(HandshakeType.FINISHED);
    }

    @Provide
    Arbitrary<HandshakeMessage> anyMessage() {
        return Arbitraries.randomValue(Samples::anyMessage);
    }

    @Property(tries = 300)
    void clientHello(@ForAll("clientHellos") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 300)
    void serverHello(@ForAll("serverHellos") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
        ServerHello sh = (ServerHello) m;
        assertEquals(Arrays.equals(sh.random(), ServerHello.HELLO_RETRY_REQUEST_RANDOM),
                ((ServerHello) HandshakeMessages.decode13(2, Samples.body(m))).isHelloRetryRequest());
    }

    @Property(tries = 300)
    void newSessionTicket(@ForAll("tickets") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 200)
    void encryptedExtensions(@ForAll("encryptedExtensions") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 300)
    void certificate(@ForAll("certificates") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 200)
    void certificateRequest(@ForAll("certificateRequests") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 200)
    void certificateVerify(@ForAll("certificateVerifies") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 200)
    void finished(@ForAll("finisheds") HandshakeMessage m) throws TlsFailure {
        assertRoundTrip(m);
    }

    @Property(tries = 10)
    void keyUpdateAndEndOfEarlyData(@ForAll boolean requested) throws TlsFailure {
        assertRoundTrip(new KeyUpdate(requested));
        assertRoundTrip(new EndOfEarlyData());
        assertArrayEquals(new byte[] {24, 0, 0, 1, (byte) (requested ? 1 : 0)}, new KeyUpdate(requested).encode());
        assertArrayEquals(new byte[] {5, 0, 0, 0}, new EndOfEarlyData().encode());
    }

    @Property(tries = 200)
    void unknownTypesAreKeptAsBytes(@ForAll long seed) throws TlsFailure {
        Random r = new Random(seed);
        int type = new int[] {0, 3, 12, 14, 16, 21, 22, 254, 255}[r.nextInt(9)];
        byte[] body = Samples.bytes(r, 0, 50);
        HandshakeMessage m = HandshakeMessages.decode13(type, body);
        assertEquals(UnknownHandshakeMessage.class, m.getClass());
        assertEquals(type, m.type());
        assertArrayEquals(body, Samples.body(m));
    }

    @Property(tries = 1000)
    void anyMessageRoundTripsThroughTheDefragmenter(@ForAll("anyMessage") HandshakeMessage m) throws TlsFailure {
        byte[] encoded = m.encode();
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        d.add(encoded, 0, encoded.length);
        RawHandshake raw = d.next();
        assertArrayEquals(encoded, raw.encoded());
        assertArrayEquals(encoded, HandshakeMessages.decode13(raw).encode());
        assertEquals(true, d.isEmpty());
    }

    @Property(tries = 300)
    void extensionOrderIsKept(@ForAll("encryptedExtensions") HandshakeMessage m) throws TlsFailure {
        EncryptedExtensions ee = (EncryptedExtensions) HandshakeMessages.decode13(8, Samples.body(m));
        var original = ((EncryptedExtensions) m).extensions();
        assertEquals(original.types(), ee.extensions().types());
        for (Extension e : original.list()) {
            assertArrayEquals(e.data(), ee.extensions().find(e.type()).data());
        }
        assertEquals(original.lastType(), ee.extensions().lastType());
    }
}
