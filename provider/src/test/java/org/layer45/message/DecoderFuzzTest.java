package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.layer45.error.TlsFailure;
import org.layer45.message.extension.Extensions;

/**
 * Random and mutated inputs into every decoder (decode13 for every type, every typed extension decoder,
 * Extensions.read, Alert, the defragmenter) only ever yield a result or a TlsFailure carrying an alert —
 * never another exception. A seeded loop gives well over 100,000 inputs per run in bounded time; jqwik
 * adds fully random bytes.
 */
class DecoderFuzzTest {
    private static final int ITERATIONS = 15_000;

    /** Decoder under fuzz. */
    @FunctionalInterface
    interface Target {
        Object apply(byte[] input) throws TlsFailure;
    }

    private long inputs;

    private void feed(String what, Target target, byte[] input) {
        inputs++;
        try {
            target.apply(input);
        } catch (TlsFailure f) {
            assertNotNull(f.alert(), "failure without alert");
            assertNotNull(f.reason(), "failure without reason");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(what + " threw " + e + " on " + HexFormat.of().formatHex(input), e);
        }
    }

    /** A structure-aware mutation: flip, set, insert, delete, truncate, or poke a length-like byte. */
    static byte[] mutate(Random r, byte[] in) {
        byte[] b = in;
        int rounds = 1 + r.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int op = r.nextInt(7);
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            switch (op) {
                case 0 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] = (byte) new int[] {0, 1, 0x7F, 0x80, 0xFF, r.nextInt(256)}[r.nextInt(6)];
                    }
                }
                case 2 -> {
                    byte[] extra = Samples.bytes(r, 1, 8);
                    byte[] out = new byte[b.length + extra.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(extra, 0, out, at, extra.length);
                    System.arraycopy(b, at, out, at + extra.length, b.length - at);
                    b = out;
                }
                case 3 -> {
                    if (b.length > 0) {
                        int n = 1 + r.nextInt(Math.min(8, b.length - at));
                        byte[] out = new byte[b.length - n];
                        System.arraycopy(b, 0, out, 0, at);
                        System.arraycopy(b, at + n, out, at, b.length - at - n);
                        b = out;
                    }
                }
                case 4 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 5 -> {
                    if (b.length > 1) {
                        b = b.clone();
                        b[at] = (byte) 0xFF;
                        b[(at + 1) % b.length] = (byte) 0xFF;
                    }
                }
                default -> b = Arrays.copyOf(b, b.length + r.nextInt(4));
            }
        }
        return b;
    }

    @Test
    void seededMutationFuzz() {
        Random r = new Random(0x4C343553L);
        for (int i = 0; i < ITERATIONS; i++) {
            HandshakeMessage m = Samples.anyMessage(r);
            byte[] body = mutate(r, Samples.body(m));
            feed("decode13(" + m.type() + ")", in -> HandshakeMessages.decode13(m.type(), in), body);
            int other = Samples.TYPES[r.nextInt(Samples.TYPES.length)];
            feed("decode13(" + other + ")", in -> HandshakeMessages.decode13(other, in), body);
            feed("Extensions.read", in -> Extensions.read(new TlsReader(in)), body);
            feed("Alert", Alert::decode, Arrays.copyOf(body, Math.min(body.length, r.nextInt(4))));

            ExtensionCodecs.Codec codec = ExtensionCodecs.ALL.get(r.nextInt(ExtensionCodecs.ALL.size()));
            byte[] data = mutate(r, codec.encoder().apply(codec.generator().apply(r)).data());
            feed(codec.name(), codec.decoder()::decode, data);
            ExtensionCodecs.Codec any = ExtensionCodecs.ALL.get(r.nextInt(ExtensionCodecs.ALL.size()));
            feed(any.name(), any.decoder()::decode, data);

            byte[] stream = mutate(r, m.encode());
            feed("defragmenter", in -> defragmentAll(r, in), stream);
        }
        assertTrue(inputs >= 100_000, "only " + inputs + " inputs");
    }

    /** Feeds a stream in random pieces, draining and decoding every complete message. */
    private static Object defragmentAll(Random r, byte[] stream) throws TlsFailure {
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        int at = 0;
        while (at < stream.length) {
            int n = 1 + r.nextInt(stream.length - at);
            d.add(stream, at, n);
            at += n;
            for (RawHandshake raw = d.next(); raw != null; raw = d.next()) {
                HandshakeMessages.decode13(raw);
            }
        }
        return d;
    }

    @Property(tries = 2000)
    void randomBytesIntoEveryDecoder(@ForAll @Size(max = 80) byte[] input) {
        for (int type : Samples.TYPES) {
            feed("decode13(" + type + ")", in -> HandshakeMessages.decode13(type, in), input);
        }
        for (ExtensionCodecs.Codec codec : ExtensionCodecs.ALL) {
            feed(codec.name(), codec.decoder()::decode, input);
        }
        feed("Extensions.read", in -> Extensions.read(new TlsReader(in)), input);
        feed("defragmenter", in -> defragmentAll(new Random(in.length), in), input);
    }
}
