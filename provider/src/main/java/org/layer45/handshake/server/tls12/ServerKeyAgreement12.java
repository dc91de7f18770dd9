package org.layer45.handshake.server.tls12;

import java.security.PrivateKey;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.KeyExchange.ClientKeyShare;
import org.layer45.error.TlsFailure;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientKeyExchange;

/**
 * How the TLS 1.2 server turns the client's ClientKeyExchange into the premaster secret (RFC 5246
 * §7.4.7): ECDHE with the ephemeral key of our ServerKeyExchange, or RSA key transport with implicit
 * rejection. Decided when the suite is chosen; carried by the states until ClientKeyExchange.
 */
sealed interface ServerKeyAgreement12 {

    /** The premaster secret from {@code cke}, read in this key exchange's form. */
    byte[] preMasterSecret(ClientKeyExchange cke, CryptoBackend backend) throws TlsFailure;

    /**
     * ECDHE (RFC 8422 §5.7): an invalid client point fails with illegal_parameter.
     *
     * @param ephemeral our key share, whose public value went out in ServerKeyExchange
     */
    record Ecdhe(ClientKeyShare ephemeral) implements ServerKeyAgreement12 {
        @Override
        public byte[] preMasterSecret(ClientKeyExchange cke, CryptoBackend backend) throws TlsFailure {
            return ephemeral.complete(cke.ecdhYc());
        }
    }

    /**
     * RSA key transport (RFC 5246 §7.4.7.1) with implicit rejection: a premaster secret that does not
     * decrypt to 48 correctly padded bytes beginning with ClientHello.client_version is replaced by 48
     * random bytes drawn before decryption, with no alert and no different path ("a TLS server MUST
     * NOT generate an alert if processing an RSA-encrypted premaster secret message fails, or the
     * version number is not as expected. Instead, it MUST continue the handshake with a randomly
     * generated premaster secret"). The handshake then fails at the client's Finished, as with any
     * wrong key (bad_record_mac or decrypt_error). A body that is not a well-formed
     * EncryptedPreMasterSecret vector is a decode_error: its framing is plain to anyone, so that
     * alert tells nothing about the decryption.
     *
     * @param key           the private key of the certificate we sent
     * @param clientVersion ClientHello.client_version (legacy_version)
     */
    record RsaKeyTransport(PrivateKey key, ProtocolVersion clientVersion) implements ServerKeyAgreement12 {
        /** RFC 5246 §7.4.7.1: the PreMasterSecret is 48 bytes. */
        private static final int PRE_MASTER_LENGTH = 48;

        @Override
        public byte[] preMasterSecret(ClientKeyExchange cke, CryptoBackend backend) throws TlsFailure {
            // RFC 5246 §7.4.7.1 step 1, before decrypting: "Generate a string R of 48 random bytes".
            byte[] fallback = new byte[PRE_MASTER_LENGTH];
            backend.random().nextBytes(fallback);
            byte[] encrypted = cke.encryptedPreMasterSecret();
            return backend.rsaPreMasterSecret(key, encrypted, clientVersion.code(), fallback);
        }
    }
}
