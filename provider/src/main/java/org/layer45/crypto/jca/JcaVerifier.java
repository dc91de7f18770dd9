package org.layer45.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

import org.layer45.crypto.Verifier;
import org.layer45.iana.SignatureScheme;

/**
 * Verifies signatures of one public key through a fresh JCA {@link Signature} per call. Any failure
 * (malformed DER, wrong length, provider complaint) counts as "does not verify".
 */
final class JcaVerifier implements Verifier {
    private final JcaSignatureScheme scheme;
    private final PublicKey key;

    JcaVerifier(JcaSignatureScheme scheme, PublicKey key) {
        this.scheme = scheme;
        this.key = key;
    }

    @Override
    public SignatureScheme scheme() {
        return scheme.scheme();
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null) {
            return false;
        }
        int fixed = scheme.fixedSignatureLength();
        if (fixed >= 0 && signature.length != fixed) {
            return false;
        }
        try {
            Signature s = scheme.newSignature();
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Verifier contract: a malformed signature is just a signature that does not verify;
            // providers signal that with SignatureException, or with runtime exceptions on odd input.
            return false;
        }
    }
}
