package org.layer45.handshake.server.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Tls12Policy;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.ClientKeyExchange;

/**
 * Awaits ClientKeyExchange (RFC 5246 §7.4.7): completes ECDHE (RFC 8422 §5.7, an invalid point →
 * illegal_parameter) or decrypts the RSA-encrypted premaster secret with implicit rejection
 * (§7.4.7.1, {@link ServerKeyAgreement12.RsaKeyTransport}), then derives the extended master secret
 * (RFC 7627 §4) and the key block. Accepts: ClientKeyExchange.
 *
 * @param keyAgreement how the premaster secret is obtained, fixed with the suite
 * @param clientChain  the client's chain (empty if none)
 */
public record ExpectClientKeyExchange(ServerContext12 c, ServerKeyAgreement12 keyAgreement,
        List<X509Certificate> clientChain) implements Server12State {

    @Override
    public Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        ClientKeyExchange cke = in.require(ClientKeyExchange.class);
        byte[] preMaster = keyAgreement.preMasterSecret(cke, c.settings().backend());
        c.transcript().add(in.encoded());
        byte[] master = Tls12KeySchedule.extendedMasterSecret(c.hkdf(), preMaster, c.transcript().hash(c.hkdf()));
        Tls12Policy.Protections p = Tls12Policy.protections(c.settings().backend(), c.suite(), master,
                c.clientRandom(), c.serverRandom());
        Keys12 keys = new Keys12(master, p, clientChain, false);
        // RFC 5246 §7.4.8: CertificateVerify follows only a non-empty client Certificate.
        return clientChain.isEmpty() ? new ExpectClientChangeCipherSpec(c, keys)
                : new ExpectClientCertificateVerify12(c, keys);
    }
}
