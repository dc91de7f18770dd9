package org.layer45.handshake.client.tls13;

import java.util.List;

import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionRules;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.iana.ExtensionType;
import org.layer45.message.EncryptedExtensions;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.Extension;

/** Awaits EncryptedExtensions (RFC 8446 §4.3.1). Accepts: EncryptedExtensions. */
public record ExpectEncryptedExtensions(Negotiated n) implements ClientState {

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        EncryptedExtensions ee = in.require(EncryptedExtensions.class);
        ExtensionRules.checkServerExtensions(ee.extensions(), n.offered().hello().extensions(),
                ExtensionRules.ENCRYPTED_EXTENSIONS, "encrypted extensions");
        Extension sni = ee.extensions().find(ExtensionType.SERVER_NAME);
        if (sni != null && sni.data().length != 0) {
            // RFC 6066 §3: the server's acknowledgement has an empty extension_data.
            throw TlsFailure.decodeError("server_name acknowledgement is not empty");
        }
        String alpn = chosenAlpn(ee);
        n.transcript().add(in.encoded());
        if (n.resumedFrom() != null) {
            // RFC 8446 §2.2: a PSK handshake has no Certificate / CertificateVerify.
            return new ExpectFinished(n, alpn, null, n.resumedFrom().peerCertificates(), null, new byte[0]);
        }
        return new ExpectCertificateOrCertificateRequest(n, alpn);
    }

    /** RFC 7301 §3.1: exactly one protocol, one of ours. */
    private String chosenAlpn(EncryptedExtensions ee) throws TlsFailure {
        Extension e = ee.extensions().find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (e == null) {
            return null;
        }
        List<String> protocols = Alpn.decode(e.data()).protocols();
        if (protocols.size() != 1 || !n.settings().alpnProtocols().contains(protocols.get(0))) {
            throw ExpectServerHello.illegal(Reason.ILLEGAL_PARAMETER, "server chose an alpn protocol we did not offer");
        }
        return protocols.get(0);
    }
}
