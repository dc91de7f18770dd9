package org.layer45.handshake.server.tls12;

import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.ClientHello;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.EcPointFormats;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.RenegotiationInfo;
import org.layer45.message.extension.ServerNameList;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;

/**
 * A ClientHello validated for TLS 1.2: null compression offered (RFC 5246 §7.4.1.2), secure
 * renegotiation signalled by SCSV or an empty renegotiation_info (RFC 5746 §3.6, required), extended
 * master secret (RFC 7627 §5.3, required), ec_point_formats with uncompressed if present (RFC 8422
 * §5.1.2). Unknown extensions are ignored.
 *
 * @param hello            the message
 * @param groups           supported_groups (empty when absent)
 * @param signatureSchemes signature_algorithms (empty when absent)
 * @param serverNames      SNI host names
 * @param alpn             ALPN protocols, or null
 * @param ticket           the session_ticket extension data, or null when absent (RFC 5077 §3.2)
 */
record ClientOffer12(ClientHello hello, List<NamedGroup> groups, List<SignatureScheme> signatureSchemes,
        List<String> serverNames, List<String> alpn, byte[] ticket) {

    static ClientOffer12 parse(ClientHello ch) throws TlsFailure {
        boolean nullCompression = false;
        for (byte m : ch.legacyCompressionMethods()) {
            nullCompression |= m == 0;
        }
        if (!nullCompression) {
            // RFC 5246 §7.4.1.2: the list MUST include null; we cannot do anything else.
            throw TlsFailure.illegalParameter("client hello does not offer null compression");
        }
        Extensions ext = ch.extensions();
        Extension reneg = ext.find(ExtensionType.RENEGOTIATION_INFO);
        if (reneg != null && RenegotiationInfo.decode(reneg.data()).renegotiatedConnection().length != 0) {
            // RFC 5746 §3.6: non-empty on an initial handshake → "MUST abort ... handshake_failure".
            throw handshakeFailure(Reason.ILLEGAL_PARAMETER, "non-empty renegotiation_info in an initial handshake");
        }
        if (reneg == null && !ch.cipherSuites().contains(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
            throw handshakeFailure(Reason.MISSING_EXTENSION, "client does not support secure renegotiation");
        }
        if (!ext.has(ExtensionType.EXTENDED_MASTER_SECRET)) {
            throw handshakeFailure(Reason.MISSING_EXTENSION, "client does not offer the extended master secret");
        }
        Extension formats = ext.find(ExtensionType.EC_POINT_FORMATS);
        if (formats != null && !EcPointFormats.decode(formats.data()).formats().contains(EcPointFormats.UNCOMPRESSED)) {
            // RFC 8422 §5.1.2: without uncompressed the server "MUST abort ... illegal_parameter".
            throw TlsFailure.illegalParameter("client ec_point_formats lacks uncompressed");
        }
        Extension sg = ext.find(ExtensionType.SUPPORTED_GROUPS);
        List<NamedGroup> groups = sg == null ? List.of() : SupportedGroups.decode(sg.data()).groups();
        Extension sa = ext.find(ExtensionType.SIGNATURE_ALGORITHMS);
        List<SignatureScheme> schemes = sa == null ? List.of() : SignatureAlgorithms.decode(sa.data()).schemes();
        Extension sni = ext.find(ExtensionType.SERVER_NAME);
        List<String> names = sni == null ? List.of() : ServerNameList.decode(sni.data()).hostNames();
        Extension alpnExt = ext.find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        List<String> alpn = alpnExt == null ? null : Alpn.decode(alpnExt.data()).protocols();
        Extension ticket = ext.find(ExtensionType.SESSION_TICKET);
        return new ClientOffer12(ch, groups, schemes, names, alpn, ticket == null ? null : ticket.data());
    }

    String serverName() {
        return serverNames.isEmpty() ? null : serverNames.get(0);
    }

    private static TlsFailure handshakeFailure(Reason reason, String detail) {
        return new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, reason, detail);
    }
}
