package org.layer45.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * Every cryptographic primitive the protocol needs, behind one interface, so the core never names
 * a JCA provider or a BouncyCastle class and tests can inject deterministic randomness.
 */
public interface CryptoBackend {
    /** A short description, e.g. "default (JDK AES-GCM, BC ML-KEM, ...)". */
    String name();

    /** The randomness for client/server randoms, key shares, tickets and padding. */
    SecureRandom random();

    /** HKDF over "SHA-256" or "SHA-384". */
    Hkdf hkdf(String hashName);

    /** An AEAD keyed with {@code key} (length {@code alg.keyLength()}). */
    Aead aead(AeadAlgorithm alg, byte[] key) throws TlsFailure;

    /** The groups this backend can do, in no particular order. */
    List<NamedGroup> supportedGroups();

    /** Key exchange for a group from {@link #supportedGroups()}. */
    KeyExchange keyExchange(NamedGroup group) throws TlsFailure;

    /** The signature schemes this backend can sign and verify. */
    List<SignatureScheme> supportedSignatureSchemes();

    /** Whether {@code key} can sign under {@code scheme} (key type, curve, RSA vs RSASSA-PSS key). */
    boolean canSign(SignatureScheme scheme, PrivateKey key);

    Signer signer(SignatureScheme scheme, PrivateKey key) throws TlsFailure;

    /** Whether {@code key} (from a peer certificate) matches {@code scheme}. */
    boolean canVerify(SignatureScheme scheme, PublicKey key);

    Verifier verifier(SignatureScheme scheme, PublicKey key) throws TlsFailure;

    /**
     * TLS 1.2 view of {@link #canSign}: RFC 5246 §7.4.1.4.1 ECDSA SignatureAndHashAlgorithm values name
     * only the hash, so an ECDSA scheme fits an EC key on any curve (unlike TLS 1.3, RFC 8446 §4.2.3).
     */
    default boolean canSign12(SignatureScheme scheme, PrivateKey key) {
        return canSign(scheme, key);
    }

    /** TLS 1.2 view of {@link #signer} (see {@link #canSign12}). */
    default Signer signer12(SignatureScheme scheme, PrivateKey key) throws TlsFailure {
        return signer(scheme, key);
    }

    /** TLS 1.2 view of {@link #canVerify} (see {@link #canSign12}). */
    default boolean canVerify12(SignatureScheme scheme, PublicKey key) {
        return canVerify(scheme, key);
    }

    /** TLS 1.2 view of {@link #verifier} (see {@link #canSign12}). */
    default Verifier verifier12(SignatureScheme scheme, PublicKey key) throws TlsFailure {
        return verifier(scheme, key);
    }

    /**
     * RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1) of {@code message} under an RSA public key, the
     * padding drawn from {@link #random()}: the TLS 1.2 client's EncryptedPreMasterSecret
     * (RFC 5246 §7.4.7.1). Backends without RSA key transport fail with internal_error.
     */
    default byte[] rsaEncrypt(PublicKey key, byte[] message) throws TlsFailure {
        throw TlsFailure.internal("rsa key transport is not supported by " + name(), null);
    }

    /**
     * The TLS 1.2 server's premaster secret from an EncryptedPreMasterSecret, with implicit rejection
     * (RFC 5246 §7.4.7.1): the decrypted message if it is correctly RSAES-PKCS1-v1_5 padded, exactly
     * 48 bytes long and begins with {@code clientVersion} (ClientHello.client_version); otherwise
     * {@code fallback}, 48 random bytes the caller drew before calling. The choice is made without a
     * branch, exception or failure that depends on the decrypted value, so neither timing nor the
     * handshake tells a padding failure from a wrong premaster (the Bleichenbacher and Klima et al.
     * oracles). Fails (internal_error) only for reasons that do not depend on {@code encrypted}, such
     * as a key that cannot decrypt. Backends without RSA key transport fail with internal_error.
     */
    default byte[] rsaPreMasterSecret(PrivateKey key, byte[] encrypted, int clientVersion, byte[] fallback)
            throws TlsFailure {
        throw TlsFailure.internal("rsa key transport is not supported by " + name(), null);
    }
}
