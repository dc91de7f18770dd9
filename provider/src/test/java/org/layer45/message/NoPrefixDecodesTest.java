package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.Extensions;

/**
 * No strict prefix of a message body decodes: each fails with decode_error. Two documented exceptions:
 * Finished (verify_data is "the rest", so a non-empty prefix is a shorter Finished) and the one prefix of
 * a Client/ServerHello that ends right after the compression field, which RFC 8446 §4.1.2 / RFC 5246
 * §7.4.1.2 require us to read as a hello without extensions.
 */
class NoPrefixDecodesTest {

    @Provide
    Arbitrary<HandshakeMessage> anyMessage() {
        return Arbitraries.randomValue(Samples::anyMessage);
    }

    /** Body length of a hello cut right after its compression field(s), or -1 for other types. */
    private static int extensionlessHelloLength(HandshakeMessage m, byte[] body) {
        if (m instanceof ClientHello || m instanceof ServerHello) {
            Extensions ext = m instanceof ClientHello ch ? ch.extensions() : ((ServerHello) m).extensions();
            int blockLength = 2;
            for (var e : ext.list()) {
                blockLength += e.encodedLength();
            }
            return body.length - blockLength;
        }
        return -1;
    }

    @Property(tries = 400)
    void noStrictPrefixOfABodyDecodes(@ForAll("anyMessage") HandshakeMessage m) {
        byte[] body = Samples.body(m);
        int allowed = extensionlessHelloLength(m, body);
        for (int n = 0; n < body.length; n++) {
            byte[] prefix = Arrays.copyOf(body, n);
            if (n == allowed) {
                assertHelloWithoutExtensions(m.type(), prefix);
                continue;
            }
            if (m instanceof Finished && n > 0) {
                continue;
            }
            TlsFailure f = assertThrows(TlsFailure.class, () -> HandshakeMessages.decode13(m.type(), prefix),
                    m.getClass().getSimpleName() + " prefix of " + n + "/" + body.length + " decoded");
            assertEquals(AlertDescription.DECODE_ERROR, f.alert(), f.toString());
        }
    }

    private static void assertHelloWithoutExtensions(int type, byte[] prefix) {
        try {
            HandshakeMessage decoded = HandshakeMessages.decode13(type, prefix);
            Extensions ext = decoded instanceof ClientHello ch ? ch.extensions() : ((ServerHello) decoded).extensions();
            assertSame(Extensions.EMPTY, ext);
        } catch (TlsFailure e) {
            throw new AssertionError("extension-less hello must decode", e);
        }
    }

    @Property(tries = 200)
    void noStrictPrefixOfAnEncodingIsAMessage(@ForAll("anyMessage") HandshakeMessage m) throws TlsFailure {
        byte[] encoded = m.encode();
        for (int n = 0; n < encoded.length; n++) {
            HandshakeDefragmenter d = new HandshakeDefragmenter();
            d.add(encoded, 0, n);
            assertNull(d.next());
            assertEquals(n == 0, d.isEmpty());
        }
    }

    @Property(tries = 200)
    void noStrictPrefixOfATypedExtensionDecodes(@ForAll long seed) {
        Random r = new Random(seed);
        for (ExtensionCodecs.Codec codec : ExtensionCodecs.ALL) {
            byte[] data = codec.encoder().apply(codec.generator().apply(r)).data();
            for (int n = 0; n < data.length; n++) {
                if (codec.name().equals("early_data") && n == 0) {
                    continue; // RFC 8446 §4.2.10: the empty form is legal
                }
                byte[] prefix = Arrays.copyOf(data, n);
                TlsFailure f = assertThrows(TlsFailure.class, () -> codec.decoder().decode(prefix),
                        codec.name() + " prefix of " + n + " decoded");
                assertEquals(AlertDescription.DECODE_ERROR, f.alert(), f.toString());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void emptyBodiesFailForEveryTypeButEndOfEarlyData() throws TlsFailure {
        for (int type : Samples.TYPES) {
            if (type == HandshakeType.END_OF_EARLY_DATA) {
                continue;
            }
            TlsFailure f = assertThrows(TlsFailure.class, () -> HandshakeMessages.decode13(type, new byte[0]));
            assertEquals(AlertDescription.DECODE_ERROR, f.alert());
        }
        assertTrue(HandshakeMessages.decode13(HandshakeType.END_OF_EARLY_DATA, new byte[0]) instanceof EndOfEarlyData);
        assertFalse(new HandshakeDefragmenter().buffered() != 0);
    }
}
