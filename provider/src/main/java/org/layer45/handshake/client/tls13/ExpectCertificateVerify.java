package org.layer45.handshake.client.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Role;
import org.layer45.handshake.Signatures;
import org.layer45.message.CertificateVerify;

/**
 * Awaits the server's CertificateVerify (RFC 8446 §4.4.3). Accepts: CertificateVerify.
 *
 * @param ocspResponse the OCSP response stapled to the leaf certificate (RFC 8446 §4.4.2.1), or empty
 */
public record ExpectCertificateVerify(Negotiated n, String alpn,
        ExpectCertificateOrCertificateRequest.CertificateRequested request, List<X509Certificate> serverChain,
        byte[] ocspResponse) implements ClientState {

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        CertificateVerify cv = in.require(CertificateVerify.class);
        Signatures.verifyCertificateVerify(n.settings().backend(), n.settings().signatureSchemes(), cv,
                serverChain.get(0).getPublicKey(), Role.SERVER, n.transcript().hash());
        n.transcript().add(in.encoded());
        return new ExpectFinished(n, alpn, request, serverChain, cv.scheme(), ocspResponse);
    }
}
