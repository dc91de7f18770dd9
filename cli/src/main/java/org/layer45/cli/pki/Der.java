package org.layer45.cli.pki;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A DER encoder (ITU-T X.690 §8 and §10) for the handful of ASN.1 types an X.509 certificate needs:
 * every method returns one complete TLV, and constructed values take their already-encoded
 * children. Definite, minimal lengths only, as DER requires (X.690 §10.1).
 */
public final class Der {
    static final int BOOLEAN = 0x01;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int UTF8_STRING = 0x0C;
    static final int IA5_STRING = 0x16;
    static final int UTC_TIME = 0x17;
    static final int GENERALIZED_TIME = 0x18;
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;

    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** One TLV with a low tag number (all we need: universal tags and context tags 0-30). */
    public static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        writeLength(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** X.690 §8.1.3: short form below 128, else the minimal number of length octets after 0x8N. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }

    public static byte[] sequence(byte[]... children) {
        return tlv(SEQUENCE, concat(children));
    }

    public static byte[] set(byte[]... children) {
        return tlv(SET, concat(children));
    }

    /** X.690 §8.3: two's complement, minimal octets; BigInteger.toByteArray is exactly that. */
    public static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    public static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    /** X.690 §11.1: TRUE is 0xFF in DER. */
    public static byte[] bool(boolean value) {
        return tlv(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    public static byte[] nul() {
        return tlv(NULL, new byte[0]);
    }

    public static byte[] octetString(byte[] value) {
        return tlv(OCTET_STRING, value);
    }

    /** A BIT STRING of whole octets (signatures, keys): zero unused bits. */
    public static byte[] bitString(byte[] value) {
        byte[] content = new byte[value.length + 1];
        System.arraycopy(value, 0, content, 1, value.length);
        return tlv(BIT_STRING, content);
    }

    /**
     * A named-bit BIT STRING such as KeyUsage: bit 0 is the most significant bit of the first
     * octet, and X.690 §11.2.2 requires trailing zero bits to be removed in DER.
     */
    public static byte[] namedBits(int... bits) {
        int highest = -1;
        for (int b : bits) {
            highest = Math.max(highest, b);
        }
        if (highest < 0) {
            return tlv(BIT_STRING, new byte[] {0});
        }
        byte[] content = new byte[1 + highest / 8 + 1];
        for (int b : bits) {
            content[1 + b / 8] |= (byte) (0x80 >>> (b % 8));
        }
        content[0] = (byte) (7 - highest % 8);
        return tlv(BIT_STRING, content);
    }

    /** X.690 §8.19: the first two arcs as 40 * a + b, then base-128 with continuation bits. */
    public static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeBase128(out, new BigInteger(parts[0]).multiply(BigInteger.valueOf(40)).add(new BigInteger(parts[1])));
        for (int i = 2; i < parts.length; i++) {
            writeBase128(out, new BigInteger(parts[i]));
        }
        return tlv(OID, out.toByteArray());
    }

    private static void writeBase128(ByteArrayOutputStream out, BigInteger arc) {
        if (arc.signum() < 0) {
            throw new IllegalArgumentException("negative OID arc");
        }
        int groups = Math.max(1, (arc.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int seven = arc.shiftRight(7 * g).intValue() & 0x7F;
            out.write(g == 0 ? seven : seven | 0x80);
        }
    }

    public static byte[] utf8(String s) {
        return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] ia5(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("not IA5 (ASCII): " + s);
            }
        }
        return tlv(IA5_STRING, s.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * RFC 5280 §4.1.2.5: validity dates through 2049 MUST be UTCTime, from 2050 on GeneralizedTime,
     * both in UTC with seconds ("Z").
     */
    public static byte[] time(ZonedDateTime t) {
        ZonedDateTime utc = t.withZoneSameInstant(ZoneOffset.UTC).withNano(0);
        if (utc.getYear() >= 1950 && utc.getYear() < 2050) {
            return tlv(UTC_TIME, UTC_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(GENERALIZED_TIME, GENERALIZED_TIME_FORMAT.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** [n] EXPLICIT: a constructed context tag around one complete TLV. */
    public static byte[] explicit(int n, byte[] inner) {
        return tlv(0xA0 | n, inner);
    }

    /** [n] IMPLICIT over a primitive type: the context tag replaces the type's tag. */
    public static byte[] implicitPrimitive(int n, byte[] content) {
        return tlv(0x80 | n, content);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
