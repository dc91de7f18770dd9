package org.layer45.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.layer45.crypto.bc.BcEcdhKeyExchange;
import org.layer45.crypto.bc.BcMlKemHybridKeyExchange;
import org.layer45.crypto.bc.BcSignatures;
import org.layer45.crypto.bc.BcXdhKeyExchange;
import org.layer45.crypto.jca.JcaAead;
import org.layer45.crypto.jca.JcaHkdf;
import org.layer45.crypto.jca.JcaRsaKeyTransport;
import org.layer45.crypto.jca.JcaSignatureScheme;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * The default {@link CryptoBackend}: for each primitive, the faster of the JDK's JCA and
 * BouncyCastle's lightweight API on JDK 17 (measured by {@code BackendSpeedCheck}, test scope).
 * This is the only class that names {@code org.layer45.crypto.jca} / {@code .bc} implementations.
 *
 * <p>Choices: HKDF/HMAC, transcript hash, AES-GCM and ChaCha20-Poly1305 from the JDK; X25519,
 * X448, P-256/384/521 ECDHE, ML-KEM-768, ECDSA and Ed25519 from BouncyCastle (ECDSA/Ed25519 fall back
 * to the JCA for keys whose material cannot be read, e.g. hardware keys); RSA (PSS and PKCS#1 v1.5
 * signatures, TLS 1.2 RSA key transport) and Ed448 from the JDK (not measured: BC's lightweight RSA
 * has no CRT-blinding advantage and Ed448 is rare).
 *
 * <p>Measured with {@code BackendSpeedCheck} (test scope; 0.4 s warm-up + 0.8 s per side), ops/s,
 * OpenJDK 17.0.15, bcprov 1.87, 2 cores shared with other builds, so only the ratios matter:
 * <pre>
 * primitive                          JDK ops/s    BC ops/s   pick
 * AES-128-GCM seal, 16 KiB record       42 686       1 783   JDK (AES-NI / CLMUL intrinsics, 24x)
 * ChaCha20-Poly1305 seal, 16 KiB         5 933       7 445   JDK (see below)
 * X25519 keygen + agreement                573       2 967   BC  (5.2x)
 * P-256 ECDH keygen + agreement            189         249   BC  (1.3x)
 * ECDSA P-256 sign                         307         647   BC  (2.1x)
 * ECDSA P-256 verify                       488       2 762   BC  (5.7x)
 * Ed25519 sign                             710       9 563   BC  (13x)
 * Ed25519 verify                           672       5 631   BC  (8.4x)
 * HMAC-SHA256, new key + 64 B          876 059     280 150   JDK (SHA intrinsics, 3.1x)
 * HMAC-SHA256, 16 KiB                   80 581       7 584   JDK (11x)
 * </pre>
 * ChaCha20-Poly1305 stays on the JDK although BC measured 1.25x faster (within the noise of a
 * shared machine): BC's streaming decryption writes plaintext before it has checked the tag and
 * works on byte arrays only, so it would need a scratch buffer and copies for direct buffers,
 * which costs back the difference and weakens "no plaintext before the tag verifies". The JDK
 * (SunJCE {@code ChaCha20Cipher}, {@code GaloisCounterMode}) verifies before writing any output.
 *
 * <p>Immutable and safe to share between connections (the random is the caller's).
 */
public final class DefaultCryptoBackend implements CryptoBackend {
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519_MLKEM768, NamedGroup.SECP256R1_MLKEM768,
            NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.X448);

    private final SecureRandom random;
    private final Hkdf sha256;
    private final Hkdf sha384;
    private final List<SignatureScheme> schemes;

    private DefaultCryptoBackend(SecureRandom random) {
        this.random = random;
        this.sha256 = new JcaHkdf("SHA-256");
        this.sha384 = new JcaHkdf("SHA-384");
        List<SignatureScheme> list = new ArrayList<>();
        for (JcaSignatureScheme s : JcaSignatureScheme.ALL) {
            list.add(s.scheme());
        }
        this.schemes = List.copyOf(list);
    }

    /** A backend drawing randomness from a new default {@link SecureRandom}. */
    public static CryptoBackend create() {
        return new DefaultCryptoBackend(new SecureRandom());
    }

    /**
     * A backend drawing all randomness (randoms, key shares, ML-KEM seeds) from {@code random}; tests
     * pass a scripted one to reproduce RFC 8448.
     */
    public static CryptoBackend create(SecureRandom random) {
        if (random == null) {
            throw new NullPointerException("random");
        }
        return new DefaultCryptoBackend(random);
    }

    @Override
    public String name() {
        return "default (JDK HKDF, AES-GCM, ChaCha20-Poly1305, RSA, Ed448; BC X25519, X448, ECDHE, ML-KEM-768, ECDSA, Ed25519)";
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    @Override
    public Hkdf hkdf(String hashName) {
        return switch (hashName) {
            case "SHA-256" -> sha256;
            case "SHA-384" -> sha384;
            default -> throw new IllegalArgumentException("unsupported hkdf hash " + hashName);
        };
    }

    @Override
    public Aead aead(AeadAlgorithm alg, byte[] key) throws TlsFailure {
        return new JcaAead(alg, key);
    }

    @Override
    public List<NamedGroup> supportedGroups() {
        return GROUPS;
    }

    @Override
    public KeyExchange keyExchange(NamedGroup group) throws TlsFailure {
        if (group.equals(NamedGroup.X25519) || group.equals(NamedGroup.X448)) {
            return new BcXdhKeyExchange(group, random);
        }
        if (group.equals(NamedGroup.SECP256R1) || group.equals(NamedGroup.SECP384R1)
                || group.equals(NamedGroup.SECP521R1)) {
            return new BcEcdhKeyExchange(group, random);
        }
        if (group.equals(NamedGroup.X25519_MLKEM768)) {
            // draft-ietf-tls-ecdhe-mlkem §3: ML-KEM first, then X25519.
            return new BcMlKemHybridKeyExchange(group, new BcXdhKeyExchange(NamedGroup.X25519, random), 32, false,
                    random);
        }
        if (group.equals(NamedGroup.SECP256R1_MLKEM768)) {
            // draft-ietf-tls-ecdhe-mlkem §3: the P-256 point first, then ML-KEM.
            BcEcdhKeyExchange ecdh = new BcEcdhKeyExchange(NamedGroup.SECP256R1, random);
            return new BcMlKemHybridKeyExchange(group, ecdh, ecdh.shareLength(), true, random);
        }
        throw TlsFailure.internal("unsupported group " + group, null);
    }

    @Override
    public List<SignatureScheme> supportedSignatureSchemes() {
        return schemes;
    }

    @Override
    public boolean canSign(SignatureScheme scheme, PrivateKey key) {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        return s != null && s.fits(key);
    }

    @Override
    public Signer signer(SignatureScheme scheme, PrivateKey key) throws TlsFailure {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        if (s == null || !s.fits(key)) {
            throw TlsFailure.internal("key " + (key == null ? "null" : key.getAlgorithm()) + " cannot sign " + scheme,
                    null);
        }
        Signer bc = BcSignatures.signer(scheme, key);
        return bc != null ? bc : s.signer(key);
    }

    @Override
    public boolean canVerify(SignatureScheme scheme, PublicKey key) {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        return s != null && s.fits(key);
    }

    @Override
    public Verifier verifier(SignatureScheme scheme, PublicKey key) throws TlsFailure {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        if (s == null || !s.fits(key)) {
            throw TlsFailure.internal("key " + (key == null ? "null" : key.getAlgorithm()) + " cannot verify "
                    + scheme, null);
        }
        Verifier bc = BcSignatures.verifier(scheme, key);
        return bc != null ? bc : s.verifier(key);
    }

    @Override
    public boolean canSign12(SignatureScheme scheme, PrivateKey key) {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        return s != null && s.forTls12(key).fits(key);
    }

    @Override
    public Signer signer12(SignatureScheme scheme, PrivateKey key) throws TlsFailure {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        if (s != null && s.fits(key)) {
            return signer(scheme, key);
        }
        if (s == null || !s.forTls12(key).fits(key)) {
            throw TlsFailure.internal("key cannot sign " + scheme + " in tls 1.2", null);
        }
        return s.forTls12(key).signer(key);
    }

    @Override
    public boolean canVerify12(SignatureScheme scheme, PublicKey key) {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        return s != null && s.forTls12(key).fits(key);
    }

    @Override
    public Verifier verifier12(SignatureScheme scheme, PublicKey key) throws TlsFailure {
        JcaSignatureScheme s = JcaSignatureScheme.of(scheme);
        if (s != null && s.fits(key)) {
            return verifier(scheme, key);
        }
        if (s == null || !s.forTls12(key).fits(key)) {
            throw TlsFailure.internal("key cannot verify " + scheme + " in tls 1.2", null);
        }
        return s.forTls12(key).verifier(key);
    }

    @Override
    public byte[] rsaEncrypt(PublicKey key, byte[] message) throws TlsFailure {
        return JcaRsaKeyTransport.encrypt(key, message, random);
    }

    @Override
    public byte[] rsaPreMasterSecret(PrivateKey key, byte[] encrypted, int clientVersion, byte[] fallback)
            throws TlsFailure {
        return JcaRsaKeyTransport.preMasterSecret(key, encrypted, clientVersion, fallback);
    }
}
