package org.layer45.connection;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded byte-level mutations for the connection fuzz: bit flips, byte overwrites with boundary
 * values, truncation, length-field edits (record, handshake and random u8/u16/u24 positions),
 * duplicated, inserted and deleted ranges, splices, random garbage (with and without a plausible
 * record header), and combinations of these. Results are bounded by {@link #MAX_LENGTH}.
 */
final class Mutator {
    /** No mutated input is longer than this. */
    static final int MAX_LENGTH = 1 << 13;

    /** Operator names, for the statistics. */
    static final String[] OPERATORS = {"bit flips", "byte overwrite", "truncation", "length field",
        "duplicate range", "insert bytes", "delete range", "splice", "garbage", "combined"};

    private static final int[] INTERESTING = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};

    private final SplittableRandom r;

    Mutator(long seed) {
        r = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return r.nextInt(bound);
    }

    /** One mutation of {@code in} by operator {@code op} (an index into {@link #OPERATORS}). */
    byte[] mutate(byte[] in, int op) {
        byte[] out = switch (op) {
            case 0 -> bitFlips(in);
            case 1 -> overwrite(in);
            case 2 -> Arrays.copyOf(in, in.length == 0 ? 0 : r.nextInt(in.length));
            case 3 -> lengthField(in);
            case 4 -> duplicate(in);
            case 5 -> insert(in);
            case 6 -> delete(in);
            case 7 -> splice(in);
            case 8 -> garbage(in);
            default -> {
                byte[] b = in;
                for (int i = 1 + r.nextInt(3); i > 0; i--) {
                    b = mutate(b, r.nextInt(OPERATORS.length - 2)); // no garbage, no recursion
                }
                yield b;
            }
        };
        return out.length > MAX_LENGTH ? Arrays.copyOf(out, MAX_LENGTH) : out;
    }

    /**
     * Makes a single-handshake-record input well framed again after a length-changing mutation: the
     * record length (offset 3) and the handshake length (offset 6) are set to what follows them, so
     * the mutation reaches the message decoder instead of the framing.
     */
    static byte[] reframeRecord(byte[] b) {
        if (b.length < 9 || b.length - 5 > 0xFFFF) {
            return b;
        }
        byte[] out = b.clone();
        out[3] = (byte) ((b.length - 5) >> 8);
        out[4] = (byte) (b.length - 5);
        putU24(out, 6, b.length - 9);
        return out;
    }

    /** The same for one encoded handshake message: its u24 length (offset 1) is set to the body's. */
    static byte[] reframeMessage(byte[] b) {
        if (b.length < 4) {
            return b;
        }
        byte[] out = b.clone();
        putU24(out, 1, b.length - 4);
        return out;
    }

    private static void putU24(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 16);
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) value;
    }

    private byte[] bitFlips(byte[] in) {
        byte[] b = in.clone();
        for (int i = 1 + r.nextInt(4); i > 0 && b.length > 0; i--) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    private byte[] overwrite(byte[] in) {
        byte[] b = in.clone();
        for (int i = 1 + r.nextInt(3); i > 0 && b.length > 0; i--) {
            b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)]
                    : r.nextInt(256));
        }
        return b;
    }

    /**
     * Edits a big-endian u8/u16/u24: the record length (offset 3), the first handshake message's
     * length (offset 6), or any position (TLS vectors are length-prefixed everywhere).
     */
    private byte[] lengthField(byte[] in) {
        byte[] b = in.clone();
        int width = 1 + r.nextInt(3);
        int at = switch (r.nextInt(3)) {
            case 0 -> 3;
            case 1 -> 6;
            default -> b.length == 0 ? 0 : r.nextInt(b.length);
        };
        if (at == 3) {
            width = 2;
        } else if (at == 6) {
            width = 3;
        }
        if (at + width > b.length) {
            return b;
        }
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (b[at + i] & 0xFF);
        }
        long max = (1L << (8 * width)) - 1;
        value = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> value + 1;
            case 3 -> value - 1;
            default -> value + r.nextInt(64) - 32;
        };
        value &= max;
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) value;
            value >>= 8;
        }
        return b;
    }

    private byte[] duplicate(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int from = r.nextInt(in.length);
        int len = 1 + r.nextInt(Math.min(64, in.length - from));
        int at = r.nextInt(in.length + 1);
        return insertAt(in, at, Arrays.copyOfRange(in, from, from + len));
    }

    private byte[] insert(byte[] in) {
        byte[] extra = new byte[1 + r.nextInt(16)];
        for (int i = 0; i < extra.length; i++) {
            extra[i] = (byte) r.nextInt(256);
        }
        return insertAt(in, r.nextInt(in.length + 1), extra);
    }

    private byte[] delete(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int from = r.nextInt(in.length);
        int len = 1 + r.nextInt(Math.min(32, in.length - from));
        byte[] out = new byte[in.length - len];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, from + len, out, from, in.length - from - len);
        return out;
    }

    /** A prefix followed by a suffix taken from elsewhere in the input (shifted framing). */
    private byte[] splice(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int cut = r.nextInt(in.length);
        int from = r.nextInt(in.length);
        byte[] out = Arrays.copyOf(in, cut + in.length - from);
        System.arraycopy(in, from, out, cut, in.length - from);
        return out;
    }

    /** Random bytes; half the time behind a record header of a real content type with a fitting length. */
    private byte[] garbage(byte[] in) {
        byte[] b = new byte[r.nextInt(600)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        if (r.nextBoolean() && b.length >= 5) {
            b[0] = (byte) (20 + r.nextInt(4));
            b[1] = 3;
            b[2] = (byte) (r.nextBoolean() ? 3 : 1);
            int len = b.length - 5;
            b[3] = (byte) (len >> 8);
            b[4] = (byte) len;
            if (b[0] == 22 && b.length >= 9) {
                int hs = b.length - 9; // a handshake header with a fitting length, random type
                b[6] = (byte) (hs >> 16);
                b[7] = (byte) (hs >> 8);
                b[8] = (byte) hs;
            }
        }
        return b;
    }

    private static byte[] insertAt(byte[] in, int at, byte[] extra) {
        byte[] out = new byte[in.length + extra.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(in, at, out, at + extra.length, in.length - at);
        return out;
    }
}
