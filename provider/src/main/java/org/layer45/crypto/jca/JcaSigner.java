package org.layer45.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

import org.layer45.crypto.Signer;
import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;

/** Signs with one private key through a fresh JCA {@link Signature} per call (RFC 8446 §4.4.3). */
final class JcaSigner implements Signer {
    private final JcaSignatureScheme scheme;
    private final PrivateKey key;

    JcaSigner(JcaSignatureScheme scheme, PrivateKey key) {
        this.scheme = scheme;
        this.key = key;
    }

    @Override
    public SignatureScheme scheme() {
        return scheme.scheme();
    }

    @Override
    public byte[] sign(byte[] message) throws TlsFailure {
        try {
            Signature s = scheme.newSignature();
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw JcaSignatureScheme.signFailure(scheme.scheme(), e);
        }
    }
}
