package org.layer45.handshake.client.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains12;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Role;
import org.layer45.handshake.Tls12Policy;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.CertificateRequest12;
import org.layer45.message.CertificateVerify;
import org.layer45.message.Finished;

/**
 * The client's second flight of a full TLS 1.2 handshake (RFC 5246 §7.3): [Certificate],
 * ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished; the master secret is the
 * extended one (RFC 7627 §4) over the transcript up to ClientKeyExchange.
 */
final class ClientFlight12 {
    private ClientFlight12() {
    }

    static Client12State send(ExpectCertificateRequestOrDone k, CertificateRequest12 request, HandshakeOutput out)
            throws TlsFailure {
        ClientContext12 c = k.c();
        HandshakeSettings s = c.settings();
        CertifiedKey key = null;
        SignatureScheme scheme = null;
        if (request != null) {
            List<String> names = s.serverName() == null ? List.of() : List.of(s.serverName());
            key = s.certificateSelector().select(Role.CLIENT, names, request.signatureSchemes(),
                    request.signatureSchemes());
            scheme = key == null ? null : chooseScheme(s, request, key);
            if (scheme == null) {
                key = null; // RFC 5246 §7.4.6: no suitable certificate → an empty Certificate
            }
            out.sendHandshake(c.transcript().add(CertificateChains12.message(key == null ? List.of() : key.chain())));
        }
        out.sendHandshake(c.transcript().add(k.clientKeyExchange()));
        byte[] master = Tls12KeySchedule.extendedMasterSecret(c.hkdf(), k.preMaster(), c.transcript().hash(c.hkdf()));
        if (key != null) {
            // RFC 5246 §7.4.8: the signature covers handshake_messages up to here, not their hash.
            byte[] signature = Tls12Policy.signer(key, scheme, s.backend()).sign(c.transcript().messages());
            out.sendHandshake(c.transcript().add(new CertificateVerify(scheme, signature)));
        }
        Tls12Policy.Protections p = Tls12Policy.protections(s.backend(), c.suite(), master, c.clientRandom(),
                c.serverRandom());
        out.changeWriteCipher12(p.client());
        byte[] verify = Tls12KeySchedule.verifyData(c.hkdf(), master, true, c.transcript().hash(c.hkdf()));
        out.sendHandshake(c.transcript().add(new Finished(verify)));
        List<X509Certificate> local = key == null ? List.of() : key.chain();
        return new ExpectServerChangeCipherSpec(c, master, k.serverChain(), local, k.serverScheme(), k.group(),
                p.server());
    }

    private static SignatureScheme chooseScheme(HandshakeSettings s, CertificateRequest12 request, CertifiedKey key) {
        return Tls12Policy.chooseScheme(Tls12Policy.signatureSchemes(s), request.signatureSchemes(), key, s.backend());
    }
}
