package org.layer45.handshake.client.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains12;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.handshake.Tls12Policy;
import org.layer45.message.Certificate12;
import org.layer45.message.ClientKeyExchange;

/**
 * Awaits the server's Certificate (RFC 5246 §7.4.2): a non-empty chain whose leaf key fits the
 * suite's key exchange (ECDSA or RSA, RFC 8422 §5.3; for RSA key transport an RSA key whose
 * certificate allows keyEncipherment), accepted by the peer verifier. With RSA key transport the
 * premaster secret is made and encrypted here (RFC 5246 §7.4.7.1) and no ServerKeyExchange follows
 * (§7.4.3). When the ServerHello promised certificate status, {@link ExpectCertificateStatus} comes
 * first. Accepts: Certificate.
 */
public record ExpectServerCertificate12(ClientContext12 c) implements Client12State {
    /** RFC 5246 §7.4.7.1: client_version (2 bytes) and 46 random bytes. */
    private static final int PRE_MASTER_LENGTH = 48;

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Certificate12 cert = in.require(Certificate12.class);
        if (cert.certificates().isEmpty()) {
            throw TlsFailure.decodeError("server sent an empty certificate list");
        }
        List<X509Certificate> chain = CertificateChains12.parse(cert);
        X509Certificate leaf = chain.get(0);
        String keyAlgorithm = leaf.getPublicKey().getAlgorithm();
        boolean ecdsa = Tls12Policy.isEcdsaSuite(c.suite());
        if (ecdsa != "EC".equals(keyAlgorithm) || !ecdsa && !"RSA".equals(keyAlgorithm)) {
            // RFC 8422 §5.3 / RFC 5246 §7.4.2: the certificate key must fit the key exchange algorithm.
            throw unsupported("server certificate key " + keyAlgorithm + " does not fit " + c.suite().name());
        }
        boolean rsaKeyTransport = Tls12Policy.isRsaKeyTransportSuite(c.suite());
        if (rsaKeyTransport && !Tls12Policy.allowsKeyEncipherment(leaf)) {
            // RFC 5246 §7.4.2: for RSA "the keyEncipherment bit MUST be set if the key usage extension is present".
            throw unsupported("server certificate key usage does not allow keyEncipherment for " + c.suite().name());
        }
        c.settings().peerVerifier().verify(chain, c.settings().serverName(), Role.SERVER);
        c.transcript().add(in.encoded());
        if (c.statusPromised()) {
            // RFC 6066 §8: a CertificateStatus may follow "immediately after the Certificate message".
            return new ExpectCertificateStatus(c, chain);
        }
        return afterCertificate(c, chain);
    }

    /** The state after the server's Certificate (and CertificateStatus, if any). */
    static Client12State afterCertificate(ClientContext12 c, List<X509Certificate> chain) throws TlsFailure {
        if (Tls12Policy.isRsaKeyTransportSuite(c.suite())) {
            return encryptPreMaster(c, chain.get(0), chain);
        }
        return new ExpectServerKeyExchange(c, chain);
    }

    /**
     * RFC 5246 §7.4.7.1: a 48-byte premaster secret, client_version ‖ 46 random bytes, where
     * client_version is "the version offered by the client in the ClientHello.client_version, not the
     * version negotiated", encrypted with RSAES-PKCS1-v1_5 under the certificate's key.
     */
    private static Client12State encryptPreMaster(ClientContext12 c, X509Certificate leaf,
            List<X509Certificate> chain) throws TlsFailure {
        byte[] preMaster = new byte[PRE_MASTER_LENGTH];
        c.settings().backend().random().nextBytes(preMaster);
        int clientVersion = c.offered().legacyVersion().code();
        preMaster[0] = (byte) (clientVersion >>> 8);
        preMaster[1] = (byte) clientVersion;
        byte[] encrypted = c.settings().backend().rsaEncrypt(leaf.getPublicKey(), preMaster);
        return new ExpectCertificateRequestOrDone(c, chain, null, null, ClientKeyExchange.rsa(encrypted), preMaster);
    }

    private static TlsFailure unsupported(String detail) {
        // RFC 5246 §7.2.2 unsupported_certificate: "A certificate was of an unsupported type."
        return new TlsFailure(AlertDescription.UNSUPPORTED_CERTIFICATE, Reason.CERTIFICATE_REJECTED, detail);
    }
}
