package org.layer45.iana;

import java.util.List;

/**
 * A key exchange group (RFC 8446 §4.2.7; draft-ietf-tls-ecdhe-mlkem for the hybrids). Open
 * registry: unknown and GREASE codes survive a round trip.
 *
 * @param code the two-byte wire value
 * @param name the IANA name (also the JSSE / jdk.tls.namedGroups name)
 */
public record NamedGroup(int code, String name) {
    public static final NamedGroup SECP256R1 = new NamedGroup(0x0017, "secp256r1");
    public static final NamedGroup SECP384R1 = new NamedGroup(0x0018, "secp384r1");
    public static final NamedGroup SECP521R1 = new NamedGroup(0x0019, "secp521r1");
    public static final NamedGroup X25519 = new NamedGroup(0x001D, "x25519");
    public static final NamedGroup X448 = new NamedGroup(0x001E, "x448");
    public static final NamedGroup FFDHE2048 = new NamedGroup(0x0100, "ffdhe2048");
    public static final NamedGroup FFDHE3072 = new NamedGroup(0x0101, "ffdhe3072");
    public static final NamedGroup FFDHE4096 = new NamedGroup(0x0102, "ffdhe4096");
    public static final NamedGroup FFDHE6144 = new NamedGroup(0x0103, "ffdhe6144");
    public static final NamedGroup FFDHE8192 = new NamedGroup(0x0104, "ffdhe8192");
    public static final NamedGroup SECP256R1_MLKEM768 = new NamedGroup(0x11EB, "SecP256r1MLKEM768");
    public static final NamedGroup X25519_MLKEM768 = new NamedGroup(0x11EC, "X25519MLKEM768");

    private static final List<NamedGroup> KNOWN = List.of(SECP256R1, SECP384R1, SECP521R1, X25519, X448,
            FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192, SECP256R1_MLKEM768, X25519_MLKEM768);

    public static NamedGroup of(int code) {
        for (NamedGroup g : KNOWN) {
            if (g.code == code) {
                return g;
            }
        }
        return new NamedGroup(code, String.format("unknown(0x%04x)", code));
    }

    public static NamedGroup byName(String name) {
        for (NamedGroup g : KNOWN) {
            if (g.name.equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedGroup other && other.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return String.format("%s(0x%04x)", name, code);
    }
}
