package org.layer45.handshake.server.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.handshake.Signatures;
import org.layer45.message.CertificateVerify;

/** Awaits the client's CertificateVerify (RFC 8446 §4.4.3). Accepts: CertificateVerify. */
public record ExpectClientCertificateVerify(ServerNegotiated n, List<X509Certificate> clientChain)
        implements ServerState {

    @Override
    public ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        CertificateVerify cv = in.require(CertificateVerify.class);
        // The client must use a scheme from our CertificateRequest's signature_algorithms.
        Signatures.verifyCertificateVerify(n.settings().backend(), n.settings().signatureSchemes(), cv,
                clientChain.get(0).getPublicKey(), Role.CLIENT, n.transcript().hash());
        n.transcript().add(in.encoded());
        return new ExpectClientFinished(n, clientChain);
    }
}
