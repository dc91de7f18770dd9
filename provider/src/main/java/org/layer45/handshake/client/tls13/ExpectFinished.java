package org.layer45.handshake.client.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.FinishedCheck;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Negotiation;
import org.layer45.handshake.Role;
import org.layer45.handshake.SessionInfo;
import org.layer45.handshake.Signatures;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.MasterSecret;
import org.layer45.keyschedule.TrafficSecret;
import org.layer45.message.CertificateVerify;
import org.layer45.message.Finished;

/**
 * Awaits the server's Finished (RFC 8446 §4.4.4), then sends the client's second flight
 * (Certificate and CertificateVerify if requested, Finished). Accepts: Finished.
 *
 * @param ocspResponse the OCSP response stapled to the leaf certificate (RFC 8446 §4.4.2.1), or empty
 */
public record ExpectFinished(Negotiated n, String alpn,
        ExpectCertificateOrCertificateRequest.CertificateRequested request, List<X509Certificate> serverChain,
        SignatureScheme serverScheme, byte[] ocspResponse) implements ClientState {

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Finished fin = in.require(Finished.class);
        FinishedCheck.verify(n.serverHandshake(), n.transcript().hash(), fin);
        n.transcript().add(in.encoded());
        byte[] th = n.transcript().hash();
        MasterSecret master = n.handshakeSecret().masterSecret();
        TrafficSecret clientApp = master.clientApplicationTrafficSecret(th);
        out.installReadKeys(n.suite(), master.serverApplicationTrafficSecret(th), true);
        if (n.settings().middleboxCompatibility() && !n.ccsSent()) {
            // RFC 8446 §D.4: a dummy change_cipher_spec right before the second flight.
            out.sendChangeCipherSpec();
        }
        List<X509Certificate> localChain = request == null ? List.of() : sendCertificate(out);
        out.sendHandshake(n.transcript().add(FinishedCheck.compute(n.clientHandshake(), n.transcript().hash())));
        out.installWriteKeys(n.suite(), clientApp, true);
        byte[] resumptionSecret = master.resumptionMasterSecret(n.transcript().hash());
        out.handshakeComplete(new SessionInfo(ProtocolVersion.TLS13, n.suite(), n.group(), serverScheme, alpn,
                serverChain, localChain, n.settings().serverName(), n.resumedFrom() != null, master.exporter(th),
                n.transcript().messageTypes(), new byte[0], ocspResponse));
        HandshakeSettings s = n.settings();
        return new ClientTraffic(s.backend(), s.ticketStore(), s.serverName(), n.suite(), resumptionSecret, alpn,
                serverChain);
    }

    /**
     * RFC 8446 §4.4.2: answer a CertificateRequest with our chain, or an empty Certificate when we
     * have none (or none we can sign with under the server's schemes).
     */
    private List<X509Certificate> sendCertificate(HandshakeOutput out) throws TlsFailure {
        HandshakeSettings s = n.settings();
        List<String> names = s.serverName() == null ? List.of() : List.of(s.serverName());
        CertifiedKey key = s.certificateSelector().select(Role.CLIENT, names, request.signatureSchemes(),
                request.signatureSchemesCert());
        SignatureScheme scheme = key == null ? null : Negotiation.chooseSignatureScheme(s.signatureSchemes(),
                request.signatureSchemes(), sc -> key.canSign(sc, s.backend()));
        if (scheme == null) {
            out.sendHandshake(n.transcript().add(CertificateChains.toMessage(request.context(), List.of())));
            return List.of();
        }
        out.sendHandshake(n.transcript().add(CertificateChains.toMessage(request.context(), key.chain())));
        byte[] content = Signatures.certificateVerifyContent(Role.CLIENT, n.transcript().hash());
        byte[] signature = key.signer(scheme, s.backend()).sign(content);
        out.sendHandshake(n.transcript().add(new CertificateVerify(scheme, signature)));
        return key.chain();
    }
}
