package org.layer45.crypto.bc;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.util.Optional;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.layer45.crypto.Signer;
import org.layer45.crypto.Verifier;
import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;

/**
 * ECDSA (P-256/384/521, DER signatures, RFC 6979 deterministic nonces) and Ed25519 with
 * BouncyCastle's lightweight API, for JCA keys whose material can be read ({@code ECPrivateKey.getS()},
 * {@code EdECPrivateKey.getBytes()}, X.509-encoded public keys). The factories return null for keys
 * they cannot convert (e.g. hardware keys), and the caller then uses the JCA. The caller has already
 * checked that the key fits the scheme.
 */
public final class BcSignatures {
    /** RFC 8410 §4: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes) }. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    private BcSignatures() {
    }

    /** A BC signer for an ECDSA or Ed25519 scheme, or null when BC cannot use this key. */
    public static Signer signer(SignatureScheme scheme, PrivateKey key) {
        if (scheme.equals(SignatureScheme.ED25519)) {
            if (!(key instanceof EdECPrivateKey ed)) {
                return null;
            }
            Optional<byte[]> seed = ed.getBytes();
            if (seed.isEmpty() || seed.get().length != Ed25519.SECRET_KEY_SIZE) {
                return null;
            }
            return new Ed25519Signer(seed.get());
        }
        ECDomainParameters domain = ecdsaDomain(scheme);
        if (domain == null || !(key instanceof ECPrivateKey ec) || !sameCurve(ec.getParams(), domain)) {
            return null;
        }
        if (ec.getS() == null) {
            return null;
        }
        return new EcdsaSigner(scheme, new ECPrivateKeyParameters(ec.getS(), domain));
    }

    /** A BC verifier for an ECDSA or Ed25519 scheme, or null when BC cannot use this key. */
    public static Verifier verifier(SignatureScheme scheme, PublicKey key) {
        if (scheme.equals(SignatureScheme.ED25519)) {
            byte[] spki = key.getEncoded();
            // SubjectPublicKeyInfo for Ed25519 (RFC 8410 §4): 12-byte prefix ‖ 32-byte key.
            if (spki == null || spki.length != 44
                    || !java.util.Arrays.equals(spki, 0, 12, ED25519_SPKI_PREFIX, 0, 12)) {
                return null;
            }
            byte[] pk = java.util.Arrays.copyOfRange(spki, 12, 44);
            return new Ed25519Verifier(pk);
        }
        ECDomainParameters domain = ecdsaDomain(scheme);
        if (domain == null || !(key instanceof ECPublicKey ec) || !sameCurve(ec.getParams(), domain)) {
            return null;
        }
        try {
            ECPublicKeyParameters q = new ECPublicKeyParameters(domain.getCurve().createPoint(
                    ec.getW().getAffineX(), ec.getW().getAffineY()), domain);
            return new EcdsaVerifier(scheme, q);
        } catch (IllegalArgumentException e) {
            // An invalid point cannot verify anything; let the JCA path report "does not verify".
            return null;
        }
    }

    private static ECDomainParameters ecdsaDomain(SignatureScheme scheme) {
        String curve = switch (scheme.name()) {
            case "ecdsa_secp256r1_sha256" -> "secp256r1";
            case "ecdsa_secp384r1_sha384" -> "secp384r1";
            case "ecdsa_secp521r1_sha512" -> "secp521r1";
            default -> null;
        };
        if (curve == null) {
            return null;
        }
        X9ECParameters x9 = CustomNamedCurves.getByName(curve);
        return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
    }

    /** The JCA key is on exactly this named curve (same order, generator and coefficients). */
    private static boolean sameCurve(ECParameterSpec p, ECDomainParameters d) {
        return p != null && p.getOrder().equals(d.getN())
                && p.getGenerator().getAffineX().equals(d.getG().getAffineXCoord().toBigInteger())
                && p.getGenerator().getAffineY().equals(d.getG().getAffineYCoord().toBigInteger())
                && p.getCurve().getB().equals(d.getCurve().getB().toBigInteger());
    }

    private static Digest digest(SignatureScheme scheme) {
        return switch (scheme.name()) {
            case "ecdsa_secp384r1_sha384" -> new SHA384Digest();
            case "ecdsa_secp521r1_sha512" -> new SHA512Digest();
            default -> new SHA256Digest();
        };
    }

    /** ECDSA signing with deterministic k (RFC 6979); DER ECDSA-Sig-Value output. */
    private record EcdsaSigner(SignatureScheme scheme, ECPrivateKeyParameters key) implements Signer {
        @Override
        public byte[] sign(byte[] message) throws TlsFailure {
            DSADigestSigner s = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(digest(scheme))),
                    digest(scheme));
            s.init(true, key);
            s.update(message, 0, message.length);
            try {
                return s.generateSignature();
            } catch (RuntimeException e) {
                throw TlsFailure.internal("signing with " + scheme.name() + " failed", e);
            }
        }
    }

    /** ECDSA verification of a DER signature; BC rejects non-canonical DER. */
    private record EcdsaVerifier(SignatureScheme scheme, ECPublicKeyParameters key) implements Verifier {
        @Override
        public boolean verify(byte[] message, byte[] signature) {
            if (message == null || signature == null) {
                return false;
            }
            DSADigestSigner s = new DSADigestSigner(new ECDSASigner(), digest(scheme));
            s.init(false, key);
            s.update(message, 0, message.length);
            try {
                return s.verifySignature(signature);
            } catch (RuntimeException e) {
                // Verifier contract: malformed input is a signature that does not verify.
                return false;
            }
        }
    }

    /** Ed25519 (RFC 8032 §5.1.6) from the 32-byte private seed. */
    private static final class Ed25519Signer implements Signer {
        private final byte[] seed;

        Ed25519Signer(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public SignatureScheme scheme() {
            return SignatureScheme.ED25519;
        }

        @Override
        public byte[] sign(byte[] message) {
            byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
            return sig;
        }
    }

    /** Ed25519 verification (RFC 8032 §5.1.7); signatures must be exactly 64 bytes. */
    private record Ed25519Verifier(byte[] publicKey) implements Verifier {
        @Override
        public SignatureScheme scheme() {
            return SignatureScheme.ED25519;
        }

        @Override
        public boolean verify(byte[] message, byte[] signature) {
            if (message == null || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            try {
                return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
            } catch (RuntimeException e) {
                // Verifier contract: malformed input is a signature that does not verify.
                return false;
            }
        }
    }
}
