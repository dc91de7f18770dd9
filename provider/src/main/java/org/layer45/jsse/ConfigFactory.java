package org.layer45.jsse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.StandardConstants;

import org.layer45.connection.Config;
import org.layer45.handshake.AlpnSelector;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.PeerVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;

/**
 * Builds the core {@link Config} for one handshake from an engine's {@link EngineParameters}, its
 * context and its callbacks: enabled suites, groups (SSLParameters on JDK 20+, else the
 * {@code jdk.tls.namedGroups} property as in SunJSSE), signature schemes
 * ({@code jdk.tls.client.SignatureSchemes} / {@code jdk.tls.server.SignatureSchemes}), ALPN, SNI and
 * client authentication. The enabled protocols become the versions offered or accepted, minus any
 * version left without an enabled suite. Clients file tickets and TLS 1.2 sessions by peer host and
 * port; servers share the context's TLS 1.2 session cache and ticket keys.
 */
final class ConfigFactory {
    private ConfigFactory() {
    }

    static Config build(ContextState ctx, EngineParameters p, boolean client, String serverName, String peerHost,
            int peerPort, CertificateSelector selector, PeerVerifier verifier, AlpnSelector alpnSelector)
            throws SSLHandshakeException {
        requireSupportedProtocol(p);
        List<CipherSuite> suites = suites(p);
        List<ProtocolVersion> usable = Protocols.usableVersions(p.protocols, suites);
        if (usable.isEmpty()) {
            throw new SSLHandshakeException("no enabled cipher suite is supported for the enabled protocols "
                    + p.protocols + " (enabled suites: " + p.cipherSuites + ")");
        }
        List<NamedGroup> groups = groups(ctx, p);
        List<SignatureScheme> schemes = schemes(p, client);
        Config.Builder b = Config.builder().backend(ctx.backend()).enabledProtocols(usable).cipherSuites(suites)
                .groups(groups).keyShareGroups(keyShareGroups(groups)).alpnProtocols(p.applicationProtocols)
                .certificateSelector(selector).peerVerifier(verifier)
                .ticketStore(new PeerTicketStore(ctx.ticketStore(), peerHost, peerPort))
                .ticketKeys(ctx.ticketKeys()).sessionCache(ctx.sessionCache12())
                .keyLog(KeyLogFile.fromEnvironment());
        if (schemes != null) {
            b.signatureSchemes(schemes);
        }
        if (client) {
            b.serverName(serverName);
            // As SunJSSE 17 (SSLContextImpl): status_request is sent unless
            // jdk.tls.client.enableStatusRequestExtension=false; the response reaches getStatusResponses().
            b.requestOcspStapling(!"false".equalsIgnoreCase(
                    System.getProperty("jdk.tls.client.enableStatusRequestExtension", "true").trim()));
        } else {
            b.clientAuth(p.needClientAuth ? ClientAuth.REQUIRED : p.wantClientAuth ? ClientAuth.OPTIONAL
                    : ClientAuth.NONE);
            b.alpnSelector(alpnSelector);
        }
        return b.build();
    }

    /**
     * The SNI host name a client sends: the first host_name in SSLParameters.getServerNames(), else
     * the host the application named (never an address it resolved: BCJSSE CVE-2024-34447), if that
     * is a DNS name and not an IP literal (RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not
     * permitted in HostName").
     */
    static String clientServerName(EngineParameters p, String peerHost) {
        if (p.serverNames != null) {
            for (SNIServerName n : p.serverNames) {
                if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                    return ((SNIHostName) n).getAsciiName();
                }
            }
            return null; // the application asked for no SNI
        }
        if (peerHost == null || peerHost.isEmpty() || isIpLiteral(peerHost) || !peerHost.contains(".")
                || peerHost.endsWith(".")) {
            return null; // SunJSSE also sends no SNI for a dot-less name such as "localhost"
        }
        return peerHost;
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6 (possibly bracketed)
        }
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** At least one enabled protocol must be one we implement; names of older versions are ignored. */
    private static void requireSupportedProtocol(EngineParameters p) throws SSLHandshakeException {
        if (p.protocols.stream().noneMatch(n -> Protocols.version(n) != null)) {
            throw new SSLHandshakeException("no enabled protocol is supported (enabled: " + p.protocols
                    + ", supported: " + Protocols.SUPPORTED + ")");
        }
    }

    private static List<CipherSuite> suites(EngineParameters p) {
        List<CipherSuite> out = new ArrayList<>();
        for (String name : p.cipherSuites) {
            CipherSuite s = CipherSuite.byName(name);
            if (s != null && Protocols.supportedSuites().contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<NamedGroup> groups(ContextState ctx, EngineParameters p) throws SSLHandshakeException {
        List<String> names = p.namedGroups != null ? p.namedGroups : property("jdk.tls.namedGroups");
        if (names == null) {
            return Config.DEFAULT_GROUPS;
        }
        List<NamedGroup> supported = ctx.backend().supportedGroups();
        List<NamedGroup> out = byName(names, NamedGroup::byName);
        out.removeIf(g -> !supported.contains(g));
        if (out.isEmpty()) {
            throw new SSLHandshakeException("no supported named group in " + names);
        }
        return out;
    }

    /** Key shares for the first ClientHello: our preferred ones if enabled, else the first group. */
    private static List<NamedGroup> keyShareGroups(List<NamedGroup> groups) {
        List<NamedGroup> out = new ArrayList<>(Config.DEFAULT_KEY_SHARE_GROUPS);
        out.retainAll(groups);
        return out.isEmpty() ? List.of(groups.get(0)) : out;
    }

    private static List<SignatureScheme> schemes(EngineParameters p, boolean client) throws SSLHandshakeException {
        List<String> names = p.signatureSchemes != null ? p.signatureSchemes
                : property(client ? "jdk.tls.client.SignatureSchemes" : "jdk.tls.server.SignatureSchemes");
        if (names == null) {
            return null;
        }
        List<SignatureScheme> out = byName(names, SignatureScheme::byName);
        out.retainAll(Config.DEFAULT_SIGNATURE_SCHEMES_CERT);
        if (out.isEmpty()) {
            throw new SSLHandshakeException("no supported signature scheme in " + names);
        }
        return out;
    }

    private static <T> List<T> byName(List<String> names, Function<String, T> lookup) {
        List<T> out = new ArrayList<>();
        for (String n : names) {
            T v = lookup.apply(n.trim());
            if (v != null && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** A comma-separated system property (quotes allowed, as SunJSSE reads it), or null when unset. */
    private static List<String> property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isBlank()) {
            return null;
        }
        return List.of(v.split(","));
    }
}
