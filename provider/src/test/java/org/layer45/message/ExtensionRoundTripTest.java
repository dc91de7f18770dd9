package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.layer45.error.TlsFailure;
import org.layer45.message.extension.Extension;

/** toExtension → decode → toExtension yields identical bytes, for every typed extension. */
class ExtensionRoundTripTest {

    static void assertRoundTrip(ExtensionCodecs.Codec codec, Object value) throws TlsFailure {
        Extension first = codec.encoder().apply(value);
        Object decoded = codec.decoder().decode(first.data());
        assertEquals(value.getClass(), decoded.getClass(), codec.name());
        Extension second = codec.encoder().apply(decoded);
        assertEquals(first.type(), second.type(), codec.name());
        assertArrayEquals(first.data(), second.data(), codec.name());
    }

    @Provide
    Arbitrary<ExtensionCodecs.Codec> codecs() {
        return Arbitraries.of(ExtensionCodecs.ALL);
    }

    @Property(tries = 3000)
    void everyTypedExtensionRoundTrips(@ForAll("codecs") ExtensionCodecs.Codec codec, @ForAll long seed)
            throws TlsFailure {
        assertRoundTrip(codec, codec.generator().apply(new Random(seed)));
    }

    /** Deterministic sweep so that every codec is covered whatever jqwik draws. */
    @Test
    void sweepEveryCodec() throws TlsFailure {
        for (ExtensionCodecs.Codec codec : ExtensionCodecs.ALL) {
            for (int seed = 0; seed < 200; seed++) {
                assertRoundTrip(codec, codec.generator().apply(new Random(seed)));
            }
        }
    }

    @Test
    void typedExtensionsInsideAClientHelloRoundTrip() throws TlsFailure {
        Random r = new Random(7);
        java.util.List<Extension> list = new java.util.ArrayList<>();
        for (ExtensionCodecs.Codec codec : ExtensionCodecs.ALL) {
            Extension e = codec.encoder().apply(codec.generator().apply(r));
            if (list.stream().noneMatch(x -> x.type() == e.type())) {
                list.add(e);
            }
        }
        ClientHello ch = Samples.clientHello(r);
        ClientHello withTyped = new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(),
                ch.cipherSuites(), ch.legacyCompressionMethods(),
                org.layer45.message.extension.Extensions.of(list));
        byte[] encoded = withTyped.encode();
        assertArrayEquals(encoded, HandshakeMessages.decode13(1, Samples.body(withTyped)).encode());
    }
}
