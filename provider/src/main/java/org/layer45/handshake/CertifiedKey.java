package org.layer45.handshake;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.Signer;
import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;

/**
 * A certificate chain (leaf first) with the means to sign for its leaf: either a private key used
 * through the {@link CryptoBackend}, or a custom {@link SignerFactory} (hardware keys, or tests
 * that inject a fixed signature for byte-exact RFC 8448 runs).
 *
 * @param chain         the chain, leaf first, never empty
 * @param key           the leaf's private key, or null when {@code signerFactory} is given
 * @param signerFactory a custom signer source, or null to sign with {@code key}
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey key, SignerFactory signerFactory) {

    /** Produces signers for a leaf key whose private part we may not hold. */
    public interface SignerFactory {
        /** Whether this factory can sign under {@code scheme}. */
        boolean canSign(SignatureScheme scheme);

        Signer create(SignatureScheme scheme) throws TlsFailure;
    }

    public CertifiedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
        if (key == null && signerFactory == null) {
            throw new IllegalArgumentException("need a private key or a signer factory");
        }
    }

    /** A chain signed for with {@code key} through the crypto backend. */
    public static CertifiedKey of(List<X509Certificate> chain, PrivateKey key) {
        return new CertifiedKey(chain, key, null);
    }

    /** Whether we can sign under {@code scheme} with this key. */
    public boolean canSign(SignatureScheme scheme, CryptoBackend backend) {
        return signerFactory != null ? signerFactory.canSign(scheme) : backend.canSign(scheme, key);
    }

    /** A signer for {@code scheme}. */
    public Signer signer(SignatureScheme scheme, CryptoBackend backend) throws TlsFailure {
        return signerFactory != null ? signerFactory.create(scheme) : backend.signer(scheme, key);
    }
}
