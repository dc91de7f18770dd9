package org.layer45.handshake.server.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.message.Certificate13;

/** Awaits the client's Certificate after our CertificateRequest (RFC 8446 §4.4.2). Accepts: Certificate. */
public record ExpectClientCertificate(ServerNegotiated n) implements ServerState {

    @Override
    public ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Certificate13 cert = in.require(Certificate13.class);
        if (cert.certificateRequestContext().length != 0) {
            // Our CertificateRequest had an empty context, which the client must echo (RFC 8446 §4.4.2).
            throw TlsFailure.illegalParameter("client certificate has the wrong request context");
        }
        if (cert.entries().isEmpty()) {
            if (n.settings().clientAuth() == ClientAuth.REQUIRED) {
                // RFC 8446 §4.4.2.4: the server MAY abort with "certificate_required".
                throw new TlsFailure(AlertDescription.CERTIFICATE_REQUIRED, Reason.CERTIFICATE_REQUIRED,
                        "client sent no certificate");
            }
            n.transcript().add(in.encoded());
            return new ExpectClientFinished(n, List.of());
        }
        List<X509Certificate> chain = CertificateChains.parse(cert);
        n.settings().peerVerifier().verify(chain, n.serverName(), Role.CLIENT);
        n.transcript().add(in.encoded());
        return new ExpectClientCertificateVerify(n, chain);
    }
}
