package org.layer45.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

import org.layer45.crypto.Signer;
import org.layer45.crypto.Verifier;
import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;

/**
 * The JCA view of one TLS signature scheme (RFC 8446 §4.2.3): the {@link Signature} algorithm and
 * parameters, and which keys fit it. ECDSA signatures are DER (RFC 8446 §4.2.3 "DER-encoded
 * ECDSA-Sig-Value"); RSA-PSS uses MGF1 with the same hash and a salt as long as the hash.
 *
 * @param scheme    the TLS scheme
 * @param algorithm the JCA signature algorithm name
 * @param hash      the hash ("SHA-256"...), null for EdDSA
 * @param keyKind   which key type fits
 * @param curveBits for ECDSA, the curve's field size (256, 384, 521); 0 otherwise
 */
public record JcaSignatureScheme(SignatureScheme scheme, String algorithm, String hash, KeyKind keyKind,
        int curveBits) {

    /** The kind of key a scheme needs. */
    public enum KeyKind {
        /** An {@code EC} key on a given curve. */
        EC,
        /** An rsaEncryption key ({@code RSA}). */
        RSA,
        /** An id-RSASSA-PSS key ({@code RSASSA-PSS}). */
        RSASSA_PSS,
        /** An Ed25519 key. */
        ED25519,
        /** An Ed448 key. */
        ED448
    }

    /** Every scheme this backend signs and verifies, in our preference order. */
    public static final List<JcaSignatureScheme> ALL = List.of(
            new JcaSignatureScheme(SignatureScheme.ECDSA_SECP256R1_SHA256, "SHA256withECDSA", "SHA-256", KeyKind.EC, 256),
            new JcaSignatureScheme(SignatureScheme.ECDSA_SECP384R1_SHA384, "SHA384withECDSA", "SHA-384", KeyKind.EC, 384),
            new JcaSignatureScheme(SignatureScheme.ECDSA_SECP521R1_SHA512, "SHA512withECDSA", "SHA-512", KeyKind.EC, 521),
            new JcaSignatureScheme(SignatureScheme.ED25519, "Ed25519", null, KeyKind.ED25519, 0),
            new JcaSignatureScheme(SignatureScheme.ED448, "Ed448", null, KeyKind.ED448, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PSS_RSAE_SHA256, "RSASSA-PSS", "SHA-256", KeyKind.RSA, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PSS_RSAE_SHA384, "RSASSA-PSS", "SHA-384", KeyKind.RSA, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PSS_RSAE_SHA512, "RSASSA-PSS", "SHA-512", KeyKind.RSA, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PSS_PSS_SHA256, "RSASSA-PSS", "SHA-256", KeyKind.RSASSA_PSS, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PSS_PSS_SHA384, "RSASSA-PSS", "SHA-384", KeyKind.RSASSA_PSS, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PSS_PSS_SHA512, "RSASSA-PSS", "SHA-512", KeyKind.RSASSA_PSS, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PKCS1_SHA256, "SHA256withRSA", "SHA-256", KeyKind.RSA, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PKCS1_SHA384, "SHA384withRSA", "SHA-384", KeyKind.RSA, 0),
            new JcaSignatureScheme(SignatureScheme.RSA_PKCS1_SHA512, "SHA512withRSA", "SHA-512", KeyKind.RSA, 0));

    /** The entry for {@code scheme}, or null if unsupported. */
    public static JcaSignatureScheme of(SignatureScheme scheme) {
        for (JcaSignatureScheme s : ALL) {
            if (s.scheme.equals(scheme)) {
                return s;
            }
        }
        return null;
    }

    /**
     * This scheme as TLS 1.2 reads it (RFC 5246 §7.4.1.4.1): an ECDSA scheme names only its hash, so
     * for an EC key on another curve the result is the same algorithm bound to that key's curve.
     * Other schemes are returned unchanged.
     */
    public JcaSignatureScheme forTls12(Key key) {
        if (keyKind != KeyKind.EC || !(key instanceof ECKey ec) || ec.getParams() == null) {
            return this;
        }
        return new JcaSignatureScheme(scheme, algorithm, hash, keyKind, ec.getParams().getCurve().getField()
                .getFieldSize());
    }

    /** Whether {@code key} (private or public) has the type, curve and size this scheme needs. */
    public boolean fits(Key key) {
        if (key == null) {
            return false;
        }
        String alg = key.getAlgorithm();
        return switch (keyKind) {
            case EC -> "EC".equals(alg) && key instanceof ECKey ec
                    && ec.getParams() != null
                    && ec.getParams().getCurve().getField().getFieldSize() == curveBits;
            case RSA -> "RSA".equals(alg) && key instanceof RSAKey rsa && rsaBigEnough(rsa);
            case RSASSA_PSS -> "RSASSA-PSS".equals(alg) && key instanceof RSAKey rsa && rsaBigEnough(rsa)
                    && pssParamsAllow(rsa);
            case ED25519 -> edName(key, "Ed25519");
            case ED448 -> edName(key, "Ed448");
        };
    }

    /** A signer for {@code key}, which must {@link #fits fit}. */
    public Signer signer(PrivateKey key) {
        return new JcaSigner(this, key);
    }

    /** A verifier for {@code key}, which must {@link #fits fit}. */
    public Verifier verifier(PublicKey key) {
        return new JcaVerifier(this, key);
    }

    /**
     * The exact signature length for EdDSA (RFC 8032 §5.1.6, §5.2.6: 64 and 114 bytes), or -1. The
     * JDK 17 EdDSA verifier accepts trailing bytes after a valid signature, so we check the length.
     */
    int fixedSignatureLength() {
        return switch (keyKind) {
            case ED25519 -> 64;
            case ED448 -> 114;
            default -> -1;
        };
    }

    /** A fresh {@link Signature} object with this scheme's parameters set. */
    Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        AlgorithmParameterSpec spec = pssSpec();
        if (spec != null) {
            s.setParameter(spec);
        }
        return s;
    }

    private AlgorithmParameterSpec pssSpec() {
        if (!"RSASSA-PSS".equals(algorithm)) {
            return null;
        }
        int saltLength = hashLength();
        return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1);
    }

    private int hashLength() {
        return switch (hash) {
            case "SHA-384" -> 48;
            case "SHA-512" -> 64;
            default -> 32;
        };
    }

    /** RFC 8017 §9.1.1: emLen >= hLen + sLen + 2, with emLen = ceil((modBits - 1) / 8). */
    private boolean rsaBigEnough(RSAKey rsa) {
        if (rsa.getModulus() == null) {
            return false;
        }
        int emLen = (rsa.getModulus().bitLength() - 1 + 7) / 8;
        int needed = "RSASSA-PSS".equals(algorithm) ? 2 * hashLength() + 2 : hashLength() + 19 + 11;
        return emLen >= needed;
    }

    /** A RSASSA-PSS key may carry parameters restricting its hash (RFC 4055 §3.1). */
    private boolean pssParamsAllow(RSAKey rsa) {
        AlgorithmParameterSpec p = rsa.getParams();
        if (!(p instanceof PSSParameterSpec pss)) {
            return true;
        }
        return normalize(pss.getDigestAlgorithm()).equals(hash) && pss.getSaltLength() <= hashLength();
    }

    private static String normalize(String digest) {
        return digest.toUpperCase(java.util.Locale.ROOT).replace("SHA", "SHA-").replace("--", "-");
    }

    private static boolean edName(Key key, String name) {
        if (name.equalsIgnoreCase(key.getAlgorithm())) {
            return true;
        }
        return ("EdDSA".equals(key.getAlgorithm()) && key instanceof EdECKey ed
                && ed.getParams() != null && name.equalsIgnoreCase(ed.getParams().getName()));
    }

    /** Wraps a failure to produce a signature. */
    static TlsFailure signFailure(SignatureScheme scheme, Throwable cause) {
        return TlsFailure.internal("signing with " + scheme.name() + " failed", cause);
    }
}
