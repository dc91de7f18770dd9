package org.layer45.iana;

import java.util.List;

/**
 * A cipher suite (RFC 8446 §B.4, RFC 5288, RFC 7905). Open registry: unknown codes received from
 * a peer are kept with a generated name and no algorithms.
 *
 * @param code     the two-byte wire value
 * @param name     the IANA / JSSE name
 * @param aead     the record protection algorithm, or null for suites we do not implement
 * @param hash     the HKDF / PRF hash: "SHA-256" or "SHA-384", or null
 * @param tls13    whether this is a TLS 1.3 suite (no key exchange / authentication in the name)
 */
public record CipherSuite(int code, String name, AeadAlgorithm aead, String hash, boolean tls13) {

    public static final CipherSuite TLS_AES_128_GCM_SHA256 =
            new CipherSuite(0x1301, "TLS_AES_128_GCM_SHA256", AeadAlgorithm.AES_128_GCM, "SHA-256", true);
    public static final CipherSuite TLS_AES_256_GCM_SHA384 =
            new CipherSuite(0x1302, "TLS_AES_256_GCM_SHA384", AeadAlgorithm.AES_256_GCM, "SHA-384", true);
    public static final CipherSuite TLS_CHACHA20_POLY1305_SHA256 =
            new CipherSuite(0x1303, "TLS_CHACHA20_POLY1305_SHA256", AeadAlgorithm.CHACHA20_POLY1305, "SHA-256", true);

    // TLS 1.2 AEAD suites (RFC 5289, RFC 7905, RFC 5288).
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0xC02B,
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", AeadAlgorithm.AES_128_GCM, "SHA-256", false);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0xC02C,
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", AeadAlgorithm.AES_256_GCM, "SHA-384", false);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0xC02F,
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", AeadAlgorithm.AES_128_GCM, "SHA-256", false);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0xC030,
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", AeadAlgorithm.AES_256_GCM, "SHA-384", false);
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = new CipherSuite(0xCCA9,
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", AeadAlgorithm.CHACHA20_POLY1305, "SHA-256", false);
    public static final CipherSuite TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = new CipherSuite(0xCCA8,
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", AeadAlgorithm.CHACHA20_POLY1305, "SHA-256", false);
    public static final CipherSuite TLS_RSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0x009C,
            "TLS_RSA_WITH_AES_128_GCM_SHA256", AeadAlgorithm.AES_128_GCM, "SHA-256", false);
    public static final CipherSuite TLS_RSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0x009D,
            "TLS_RSA_WITH_AES_256_GCM_SHA384", AeadAlgorithm.AES_256_GCM, "SHA-384", false);

    /** RFC 5746 §3.3 signalling value, never negotiated. */
    public static final CipherSuite TLS_EMPTY_RENEGOTIATION_INFO_SCSV =
            new CipherSuite(0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", null, null, false);

    /** The TLS 1.3 suites, in our default preference order. */
    public static final List<CipherSuite> TLS13_ALL =
            List.of(TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256);

    private static final List<CipherSuite> KNOWN = List.of(TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,
            TLS_CHACHA20_POLY1305_SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, TLS_RSA_WITH_AES_128_GCM_SHA256,
            TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_EMPTY_RENEGOTIATION_INFO_SCSV);

    public static CipherSuite of(int code) {
        for (CipherSuite s : KNOWN) {
            if (s.code == code) {
                return s;
            }
        }
        return new CipherSuite(code, String.format("unknown(0x%04x)", code), null, null, false);
    }

    public static CipherSuite byName(String name) {
        for (CipherSuite s : KNOWN) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Hash output length in bytes (32 or 48). */
    public int hashLength() {
        return "SHA-384".equals(hash) ? 48 : 32;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CipherSuite other && other.code == code;
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
