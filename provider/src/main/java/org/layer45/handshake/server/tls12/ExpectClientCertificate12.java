package org.layer45.handshake.server.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains12;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.message.Certificate12;

/**
 * Awaits the client's Certificate after our CertificateRequest (RFC 5246 §7.4.6). An empty one is
 * refused with handshake_failure when client authentication is required. Accepts: Certificate.
 */
public record ExpectClientCertificate12(ServerContext12 c, ServerKeyAgreement12 keyAgreement)
        implements Server12State {

    @Override
    public Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Certificate12 cert = in.require(Certificate12.class);
        List<X509Certificate> chain = CertificateChains12.parse(cert);
        if (chain.isEmpty() && c.settings().clientAuth() == ClientAuth.REQUIRED) {
            // RFC 5246 §7.4.6: the server "MAY respond with a fatal handshake_failure alert".
            throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.CERTIFICATE_REQUIRED,
                    "client sent no certificate");
        }
        if (!chain.isEmpty()) {
            c.settings().peerVerifier().verify(chain, c.serverName(), Role.CLIENT);
        }
        c.transcript().add(in.encoded());
        return new ExpectClientKeyExchange(c, keyAgreement, chain);
    }
}
