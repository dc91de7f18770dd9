package org.layer45.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;

import javax.crypto.Cipher;

import org.layer45.error.TlsFailure;

/**
 * TLS 1.2 RSA key transport (RFC 5246 §7.4.7.1) over the JDK's {@link Cipher}: the client encrypts
 * the premaster secret with {@code RSA/ECB/PKCS1Padding}.
 */
public final class JcaRsaKeyTransport {
    private JcaRsaKeyTransport() {
    }

    /** RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1) of {@code message} under {@code key}. */
    public static byte[] encrypt(PublicKey key, byte[] message, SecureRandom random) throws TlsFailure {
        if (!(key instanceof RSAKey)) {
            throw TlsFailure.internal("rsa key transport needs an rsa key, not " + key.getAlgorithm(), null);
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key, random);
            return cipher.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("rsa encryption of the premaster secret failed", e);
        }
    }
}
