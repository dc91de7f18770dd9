package org.layer45.cli.pki;

import java.util.Arrays;

/**
 * Reads DER TLVs one after another from a byte range (X.690 §8.1), enough to take apart the few
 * structures the CLI receives: SEC1 and PKCS#1 private keys from PEM files. Malformed input
 * (indefinite or overlong lengths, truncation) throws {@link IllegalArgumentException}.
 */
public final class DerReader {
    private final byte[] data;
    private int pos;
    private final int end;

    /** One TLV: its tag octet and its content octets. */
    public record Tlv(int tag, byte[] content) {
        /** A reader over this constructed value's children. */
        public DerReader children() {
            return new DerReader(content);
        }
    }

    public DerReader(byte[] data) {
        this.data = data;
        this.pos = 0;
        this.end = data.length;
    }

    public boolean hasNext() {
        return pos < end;
    }

    public Tlv next() {
        if (end - pos < 2) {
            throw new IllegalArgumentException("truncated DER at offset " + pos);
        }
        int tag = data[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("high tag numbers are not used here (offset " + (pos - 1) + ")");
        }
        int length = readLength();
        if (length > end - pos) {
            throw new IllegalArgumentException("DER length " + length + " runs past the end");
        }
        byte[] content = Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return new Tlv(tag, content);
    }

    /** The next TLV, which must carry {@code tag}. */
    public Tlv next(int tag, String what) {
        Tlv t = next();
        if (t.tag() != tag) {
            throw new IllegalArgumentException(what + ": expected tag 0x" + Integer.toHexString(tag) + ", got 0x"
                    + Integer.toHexString(t.tag()));
        }
        return t;
    }

    private int readLength() {
        int first = data[pos++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7F;
        if (octets == 0 || octets > 3) {
            throw new IllegalArgumentException("unsupported DER length form 0x" + Integer.toHexString(first));
        }
        if (end - pos < octets) {
            throw new IllegalArgumentException("truncated DER length");
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | (data[pos++] & 0xFF);
        }
        return length;
    }

    /** The dotted form of an OBJECT IDENTIFIER's content octets (X.690 §8.19). */
    public static String oid(byte[] content) {
        if (content.length == 0) {
            throw new IllegalArgumentException("empty OID");
        }
        StringBuilder out = new StringBuilder();
        java.math.BigInteger arc = java.math.BigInteger.ZERO;
        boolean first = true;
        for (int i = 0; i < content.length; i++) {
            arc = arc.shiftLeft(7).or(java.math.BigInteger.valueOf(content[i] & 0x7F));
            if ((content[i] & 0x80) != 0) {
                if (i == content.length - 1) {
                    throw new IllegalArgumentException("truncated OID arc");
                }
                continue;
            }
            if (first) {
                // The first subidentifier is 40 * X + Y, with X in 0..2 (X.690 §8.19.4).
                int x = arc.compareTo(java.math.BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
                out.append(x).append('.').append(arc.subtract(java.math.BigInteger.valueOf(40L * x)));
                first = false;
            } else {
                out.append('.').append(arc);
            }
            arc = java.math.BigInteger.ZERO;
        }
        return out.toString();
    }
}
