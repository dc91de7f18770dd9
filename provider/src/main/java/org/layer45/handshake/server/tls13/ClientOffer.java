package org.layer45.handshake.server.tls13;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionRules;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.ClientHello;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.Cookie;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.KeyShareClientHello;
import org.layer45.message.extension.KeyShareEntry;
import org.layer45.message.extension.PreSharedKeyClientHello;
import org.layer45.message.extension.PskKeyExchangeModes;
import org.layer45.message.extension.ServerNameList;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;
import org.layer45.message.extension.SupportedVersionsClient;

/**
 * A received ClientHello, validated and with its extensions decoded (RFC 8446 §4.1.2, §4.2, §9.2).
 * Unknown extensions are ignored (RFC 8446 §4.2).
 *
 * @param hello                the message
 * @param groups               supported_groups
 * @param shares               key_share entries
 * @param signatureSchemes     signature_algorithms, or null when absent
 * @param signatureSchemesCert signature_algorithms_cert, or signatureSchemes when absent
 * @param serverNames          SNI host names (maybe empty)
 * @param alpn                 ALPN protocols, or null when absent
 * @param pskDheKe             whether psk_key_exchange_modes lists psk_dhe_ke
 * @param psk                  pre_shared_key, or null
 * @param cookie               the cookie, or null
 */
record ClientOffer(ClientHello hello, List<NamedGroup> groups, List<KeyShareEntry> shares,
        List<SignatureScheme> signatureSchemes, List<SignatureScheme> signatureSchemesCert, List<String> serverNames,
        List<String> alpn, boolean pskDheKe, PreSharedKeyClientHello psk, byte[] cookie) {

    static ClientOffer parse(ClientHello ch) throws TlsFailure {
        Extensions ext = ch.extensions();
        checkVersions(ext);
        byte[] compression = ch.legacyCompressionMethods();
        if (compression.length != 1 || compression[0] != 0) {
            // RFC 8446 §4.1.2: exactly one byte, zero; otherwise illegal_parameter.
            throw TlsFailure.illegalParameter("legacy_compression_methods must be [null]");
        }
        // RFC 8446 §9.2: key_share and supported_groups come together; we only do (EC)DHE modes.
        Extension sg = ExtensionRules.require(ext, ExtensionType.SUPPORTED_GROUPS, "client hello");
        Extension ks = ExtensionRules.require(ext, ExtensionType.KEY_SHARE, "client hello");
        List<NamedGroup> groups = SupportedGroups.decode(sg.data()).groups();
        List<KeyShareEntry> shares = KeyShareClientHello.decode(ks.data()).shares();
        checkShares(groups, shares);
        List<SignatureScheme> sigs = schemes(ext, ExtensionType.SIGNATURE_ALGORITHMS, null);
        List<SignatureScheme> sigsCert = schemes(ext, ExtensionType.SIGNATURE_ALGORITHMS_CERT, sigs);
        Extension sni = ext.find(ExtensionType.SERVER_NAME);
        List<String> names = sni == null ? List.of() : ServerNameList.decode(sni.data()).hostNames();
        Extension alpnExt = ext.find(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        List<String> alpn = alpnExt == null ? null : Alpn.decode(alpnExt.data()).protocols();
        Extension modes = ext.find(ExtensionType.PSK_KEY_EXCHANGE_MODES);
        boolean dheKe = modes != null
                && PskKeyExchangeModes.decode(modes.data()).modes().contains(PskKeyExchangeModes.PSK_DHE_KE);
        Extension cookieExt = ext.find(ExtensionType.COOKIE);
        byte[] cookie = cookieExt == null ? null : Cookie.decode(cookieExt.data()).cookie();
        return new ClientOffer(ch, groups, shares, sigs, sigsCert, names, alpn, dheKe, psk(ext, modes), cookie);
    }

    /** The client's share for {@code group}, or null. */
    KeyShareEntry share(NamedGroup group) {
        for (KeyShareEntry e : shares) {
            if (e.group().equals(group)) {
                return e;
            }
        }
        return null;
    }

    /** RFC 8446 §4.2.1: without supported_versions offering 1.3 we cannot talk (we do not speak 1.2 here). */
    private static void checkVersions(Extensions ext) throws TlsFailure {
        Extension sv = ext.find(ExtensionType.SUPPORTED_VERSIONS);
        if (sv == null || !SupportedVersionsClient.decode(sv.data()).versions().contains(ProtocolVersion.TLS13)) {
            throw new TlsFailure(AlertDescription.PROTOCOL_VERSION, Reason.UNSUPPORTED_VERSION,
                    "client does not offer tls 1.3");
        }
    }

    /** RFC 8446 §4.2.8: one share per group, each for a group listed in supported_groups. */
    private static void checkShares(List<NamedGroup> groups, List<KeyShareEntry> shares) throws TlsFailure {
        Set<NamedGroup> seen = new HashSet<>();
        for (KeyShareEntry e : shares) {
            if (!seen.add(e.group())) {
                throw TlsFailure.illegalParameter("two key shares for one group (" + e.group() + ")");
            }
            if (!groups.contains(e.group())) {
                throw TlsFailure.illegalParameter("key share for a group not in supported_groups (" + e.group() + ")");
            }
        }
    }

    private static List<SignatureScheme> schemes(Extensions ext, int type, List<SignatureScheme> fallback)
            throws TlsFailure {
        Extension e = ext.find(type);
        return e == null ? fallback : SignatureAlgorithms.decode(e.data()).schemes();
    }

    /** RFC 8446 §4.2.11: pre_shared_key MUST be last; it needs psk_key_exchange_modes (§4.2.9). */
    private static PreSharedKeyClientHello psk(Extensions ext, Extension modes) throws TlsFailure {
        Extension e = ext.find(ExtensionType.PRE_SHARED_KEY);
        if (e == null) {
            return null;
        }
        if (ext.lastType() != ExtensionType.PRE_SHARED_KEY) {
            throw TlsFailure.illegalParameter("pre_shared_key is not the last extension");
        }
        if (modes == null) {
            throw new TlsFailure(AlertDescription.MISSING_EXTENSION, Reason.MISSING_EXTENSION,
                    "pre_shared_key without psk_key_exchange_modes");
        }
        PreSharedKeyClientHello psk = PreSharedKeyClientHello.decode(e.data());
        if (psk.identities().size() != psk.binders().size()) {
            throw TlsFailure.illegalParameter("psk identities and binders differ in number");
        }
        return psk;
    }
}
