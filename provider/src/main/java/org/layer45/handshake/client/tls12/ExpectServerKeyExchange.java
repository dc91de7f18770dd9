package org.layer45.handshake.client.tls12;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.crypto.KeyExchange.ClientKeyShare;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Tls12Policy;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.message.ClientKeyExchange;
import org.layer45.message.ServerKeyExchange;
import org.layer45.message.extension.SupportedGroups;

/**
 * Awaits ServerKeyExchange (RFC 8422 §5.4): a group we offered, a signature scheme we offered that
 * fits the certificate key (else illegal_parameter), a valid signature (else decrypt_error); then
 * completes our side of ECDHE. Accepts: ServerKeyExchange.
 */
public record ExpectServerKeyExchange(ClientContext12 c, List<X509Certificate> serverChain)
        implements Client12State {

    @Override
    public Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        ServerKeyExchange ske = in.require(ServerKeyExchange.class);
        NamedGroup group = ske.group();
        List<NamedGroup> offeredGroups = SupportedGroups.decode(c.offered().extensions()
                .find(ExtensionType.SUPPORTED_GROUPS).data()).groups();
        if (!offeredGroups.contains(group) || !Tls12Policy.GROUPS.contains(group)) {
            throw ExpectServerHello12.illegal(Reason.UNOFFERED_GROUP, "server selected a group we did not offer ("
                    + group + ")");
        }
        PublicKey leaf = serverChain.get(0).getPublicKey();
        if (!c.offeredSchemes().contains(ske.scheme()) || !c.settings().backend().canVerify12(ske.scheme(), leaf)) {
            throw ExpectServerHello12.illegal(Reason.UNOFFERED_SIGNATURE_SCHEME,
                    "server key exchange signed with a scheme we did not offer or that does not fit its key ("
                            + ske.scheme() + ")");
        }
        byte[] signed = ServerKeyExchange.signedParams(c.clientRandom(), c.serverRandom(), group, ske.point());
        if (!c.settings().backend().verifier12(ske.scheme(), leaf).verify(signed, ske.signature())) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_SIGNATURE,
                    "server key exchange signature is invalid");
        }
        ClientKeyShare ours = c.settings().backend().keyExchange(group).generate();
        byte[] preMaster = ours.complete(ske.point());
        c.transcript().add(in.encoded());
        return new ExpectCertificateRequestOrDone(c, serverChain, ske.scheme(), group,
                ClientKeyExchange.ecdhe(ours.publicShare()), preMaster);
    }
}
