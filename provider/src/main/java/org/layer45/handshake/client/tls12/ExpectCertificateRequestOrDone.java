package org.layer45.handshake.client.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.CertificateRequest12;
import org.layer45.message.ClientKeyExchange;
import org.layer45.message.ServerHelloDone;

/**
 * Awaits CertificateRequest (RFC 5246 §7.4.4) or ServerHelloDone (§7.4.5); on ServerHelloDone sends
 * the client flight. Reached after ServerKeyExchange (ECDHE) or straight after the server's
 * Certificate (RSA key transport, which has no ServerKeyExchange: RFC 5246 §7.4.3, so one arriving
 * here is an unexpected_message). Accepts: CertificateRequest, ServerHelloDone.
 *
 * @param serverScheme      the ServerKeyExchange signature scheme (null with RSA key transport)
 * @param group             the ECDHE group (null with RSA key transport)
 * @param clientKeyExchange our ClientKeyExchange: the ECDHE public value or the encrypted premaster
 * @param preMaster         the premaster secret: the ECDHE shared secret or our 48 random bytes
 */
public record ExpectCertificateRequestOrDone(ClientContext12 c, List<X509Certificate> serverChain,
        SignatureScheme serverScheme, NamedGroup group, ClientKeyExchange clientKeyExchange, byte[] preMaster)
        implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        if (in.is(CertificateRequest12.class)) {
            CertificateRequest12 request = in.require(CertificateRequest12.class);
            c.transcript().add(in.encoded());
            return new ExpectServerHelloDone(this, request);
        }
        in.require(ServerHelloDone.class);
        c.transcript().add(in.encoded());
        return ClientFlight12.send(this, null, out);
    }
}
