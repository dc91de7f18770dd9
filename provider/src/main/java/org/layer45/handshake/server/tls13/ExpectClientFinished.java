package org.layer45.handshake.server.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.FinishedCheck;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.Finished;

/**
 * Awaits the client's Finished (RFC 8446 §4.4.4); then installs the client's application keys and
 * issues session tickets (§4.6.1). Accepts: Finished.
 */
public record ExpectClientFinished(ServerNegotiated n, List<X509Certificate> clientChain) implements ServerState {

    @Override
    public ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        Finished fin = in.require(Finished.class);
        FinishedCheck.verify(n.clientHandshake(), n.transcript().hash(), fin);
        n.transcript().add(in.encoded());
        out.installReadKeys(n.suite(), n.clientApplication(), true);
        byte[] resumptionSecret = n.master().resumptionMasterSecret(n.transcript().hash());
        List<X509Certificate> peer = n.resumed() != null ? n.resumed().clientChain() : clientChain;
        out.handshakeComplete(new SessionInfo(ProtocolVersion.TLS13, n.suite(), n.group(), n.scheme(), n.alpn(),
                peer, n.localChain(), n.serverName(), n.resumed() != null, n.exporter(),
                n.transcript().messageTypes()));
        if (n.pskDheKe()) {
            // RFC 8446 §4.2.9: tickets are only useful if the client can use them (psk_dhe_ke offered).
            TicketIssuer.issue(n, resumptionSecret, peer, out);
        }
        return new ServerTraffic();
    }
}
