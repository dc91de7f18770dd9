package org.layer45.handshake;

import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.SupportedVersionsClient;

/**
 * The server's choice of protocol version for a ClientHello (RFC 8446 §4.2.1, RFC 5246 §E.1) and the
 * TLS_FALLBACK_SCSV check (RFC 7507 §3).
 */
public final class VersionNegotiation {
    /** RFC 7507 §2: the signalling suite of a client retrying with a lower version. */
    public static final CipherSuite TLS_FALLBACK_SCSV = new CipherSuite(0x5600, "TLS_FALLBACK_SCSV", null, null,
            false);

    private VersionNegotiation() {
    }

    /** The versions the client offers: supported_versions if present, else derived from legacy_version. */
    public static List<ProtocolVersion> offered(ClientHello ch) throws TlsFailure {
        Extension sv = ch.extensions().find(ExtensionType.SUPPORTED_VERSIONS);
        if (sv != null) {
            // RFC 8446 §4.2.1: with the extension, legacy_version MUST NOT be used for negotiation.
            return SupportedVersionsClient.decode(sv.data()).versions();
        }
        return ch.legacyVersion().code() >= ProtocolVersion.TLS12.code() ? List.of(ProtocolVersion.TLS12) : List.of();
    }

    /**
     * TLS 1.3 if both sides have it, else TLS 1.2 if both have it, else protocol_version. A client that
     * signals fallback while we support a higher version than its highest gets inappropriate_fallback.
     */
    public static ProtocolVersion choose(List<ProtocolVersion> enabled, ClientHello ch) throws TlsFailure {
        List<ProtocolVersion> offered = offered(ch);
        if (ch.cipherSuites().contains(TLS_FALLBACK_SCSV) && highest(enabled) > highest(offered)) {
            // RFC 7507 §3: "the server MUST respond with a fatal inappropriate_fallback alert".
            throw new TlsFailure(AlertDescription.INAPPROPRIATE_FALLBACK, Reason.DOWNGRADE_DETECTED,
                    "client signalled fallback but we support a higher version");
        }
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            if (enabled.contains(v) && offered.contains(v)) {
                return v;
            }
        }
        throw new TlsFailure(AlertDescription.PROTOCOL_VERSION, Reason.UNSUPPORTED_VERSION,
                "no protocol version in common (client offers " + offered + ")");
    }

    private static int highest(List<ProtocolVersion> versions) {
        int max = 0;
        for (ProtocolVersion v : versions) {
            if ((v.code() >> 8) == 3 && (v.code() & 0xFF) <= 4) {
                max = Math.max(max, v.code()); // ignore GREASE values (RFC 8701)
            }
        }
        return max;
    }
}
