package org.layer45.iana;

import java.util.List;

/**
 * A signature scheme (RFC 8446 §4.2.3). Open registry: unknown codes survive a round trip.
 *
 * @param code the two-byte wire value
 * @param name the IANA name (also the JSSE name)
 */
public record SignatureScheme(int code, String name) {
    public static final SignatureScheme RSA_PKCS1_SHA256 = new SignatureScheme(0x0401, "rsa_pkcs1_sha256");
    public static final SignatureScheme RSA_PKCS1_SHA384 = new SignatureScheme(0x0501, "rsa_pkcs1_sha384");
    public static final SignatureScheme RSA_PKCS1_SHA512 = new SignatureScheme(0x0601, "rsa_pkcs1_sha512");
    public static final SignatureScheme ECDSA_SECP256R1_SHA256 = new SignatureScheme(0x0403, "ecdsa_secp256r1_sha256");
    public static final SignatureScheme ECDSA_SECP384R1_SHA384 = new SignatureScheme(0x0503, "ecdsa_secp384r1_sha384");
    public static final SignatureScheme ECDSA_SECP521R1_SHA512 = new SignatureScheme(0x0603, "ecdsa_secp521r1_sha512");
    public static final SignatureScheme RSA_PSS_RSAE_SHA256 = new SignatureScheme(0x0804, "rsa_pss_rsae_sha256");
    public static final SignatureScheme RSA_PSS_RSAE_SHA384 = new SignatureScheme(0x0805, "rsa_pss_rsae_sha384");
    public static final SignatureScheme RSA_PSS_RSAE_SHA512 = new SignatureScheme(0x0806, "rsa_pss_rsae_sha512");
    public static final SignatureScheme ED25519 = new SignatureScheme(0x0807, "ed25519");
    public static final SignatureScheme ED448 = new SignatureScheme(0x0808, "ed448");
    public static final SignatureScheme RSA_PSS_PSS_SHA256 = new SignatureScheme(0x0809, "rsa_pss_pss_sha256");
    public static final SignatureScheme RSA_PSS_PSS_SHA384 = new SignatureScheme(0x080A, "rsa_pss_pss_sha384");
    public static final SignatureScheme RSA_PSS_PSS_SHA512 = new SignatureScheme(0x080B, "rsa_pss_pss_sha512");
    public static final SignatureScheme RSA_PKCS1_SHA1 = new SignatureScheme(0x0201, "rsa_pkcs1_sha1");
    public static final SignatureScheme ECDSA_SHA1 = new SignatureScheme(0x0203, "ecdsa_sha1");

    private static final List<SignatureScheme> KNOWN = List.of(RSA_PKCS1_SHA256, RSA_PKCS1_SHA384,
            RSA_PKCS1_SHA512, ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384, ECDSA_SECP521R1_SHA512,
            RSA_PSS_RSAE_SHA256, RSA_PSS_RSAE_SHA384, RSA_PSS_RSAE_SHA512, ED25519, ED448, RSA_PSS_PSS_SHA256,
            RSA_PSS_PSS_SHA384, RSA_PSS_PSS_SHA512, RSA_PKCS1_SHA1, ECDSA_SHA1);

    public static SignatureScheme of(int code) {
        for (SignatureScheme s : KNOWN) {
            if (s.code == code) {
                return s;
            }
        }
        return new SignatureScheme(code, String.format("unknown(0x%04x)", code));
    }

    public static SignatureScheme byName(String name) {
        for (SignatureScheme s : KNOWN) {
            if (s.name.equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    /** RFC 8446 §4.4.3: RSASSA-PKCS1-v1_5 and SHA-1 schemes MUST NOT be used in a TLS 1.3 CertificateVerify. */
    public boolean allowedInTls13CertificateVerify() {
        int hashByte = code >> 8;
        int sigByte = code & 0xFF;
        boolean pkcs1 = sigByte == 0x01;
        boolean sha1 = hashByte == 0x02;
        return !pkcs1 && !sha1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureScheme other && other.code == code;
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
