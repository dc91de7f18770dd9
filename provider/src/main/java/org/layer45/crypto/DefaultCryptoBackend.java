package org.layer45.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.layer45.crypto.bc.BcMlKemHybridKeyExchange;
import org.layer45.crypto.bc.BcXdhKeyExchange;
import org.layer45.crypto.jca.JcaAead;
import org.layer45.crypto.jca.JcaEcdhKeyExchange;
import org.layer45.crypto.jca.JcaHkdf;
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
 * <p>Choices (see the numbers below): HKDF/HMAC, transcript hash, AES-GCM, ChaCha20-Poly1305,
 * ECDHE and all signatures from the JDK; X25519 / X448 and ML-KEM-768 from BouncyCastle.
 *
 * <p>Measured (ops/s, JDK 17.0.15, 2 shared cores, so only the ratios matter):
 * <pre>
 * (filled in by BackendSpeedCheck)
 * </pre>
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
        return "default (JDK HKDF, AES-GCM, ChaCha20-Poly1305, ECDHE, signatures; BC X25519, X448, ML-KEM-768)";
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
            return new JcaEcdhKeyExchange(group, random);
        }
        if (group.equals(NamedGroup.X25519_MLKEM768)) {
            // draft-ietf-tls-ecdhe-mlkem §3: ML-KEM first, then X25519.
            return new BcMlKemHybridKeyExchange(group, new BcXdhKeyExchange(NamedGroup.X25519, random), 32, false,
                    random);
        }
        if (group.equals(NamedGroup.SECP256R1_MLKEM768)) {
            // draft-ietf-tls-ecdhe-mlkem §3: the P-256 point first, then ML-KEM.
            JcaEcdhKeyExchange ecdh = new JcaEcdhKeyExchange(NamedGroup.SECP256R1, random);
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
        return s.signer(key);
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
        return s.verifier(key);
    }
}
