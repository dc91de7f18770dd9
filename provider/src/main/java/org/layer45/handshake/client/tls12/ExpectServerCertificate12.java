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

/**
 * Awaits the server's Certificate (RFC 5246 §7.4.2): a non-empty chain whose leaf key fits the
 * suite's authentication (ECDSA or RSA, RFC 8422 §5.3), accepted by the peer verifier.
 * Accepts: Certificate.
 */
public record ExpectServerCertificate12(ClientContext12 c) implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Certificate12 cert = in.require(Certificate12.class);
        if (cert.certificates().isEmpty()) {
            throw TlsFailure.decodeError("server sent an empty certificate list");
        }
        List<X509Certificate> chain = CertificateChains12.parse(cert);
        String keyAlgorithm = chain.get(0).getPublicKey().getAlgorithm();
        boolean ecdsa = Tls12Policy.isEcdsaSuite(c.suite());
        if (ecdsa != "EC".equals(keyAlgorithm) || !ecdsa && !"RSA".equals(keyAlgorithm)) {
            // RFC 8422 §5.3 / RFC 5246 §7.4.2: the certificate key must fit the key exchange algorithm.
            throw new TlsFailure(AlertDescription.UNSUPPORTED_CERTIFICATE, Reason.CERTIFICATE_REJECTED,
                    "server certificate key " + keyAlgorithm + " does not fit " + c.suite().name());
        }
        c.settings().peerVerifier().verify(chain, c.settings().serverName(), Role.SERVER);
        c.transcript().add(in.encoded());
        return new ExpectServerKeyExchange(c, chain);
    }
}
