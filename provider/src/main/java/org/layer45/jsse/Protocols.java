package org.layer45.jsse;

import java.util.ArrayList;
import java.util.List;

import org.layer45.connection.Config;
import org.layer45.handshake.Tls12Policy;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ProtocolVersion;

/**
 * The protocol versions and cipher suites this provider implements, by their JSSE standard names
 * (Java Security Standard Algorithm Names): TLS 1.3 and TLS 1.2, the three TLS 1.3 suites, the six
 * TLS 1.2 ECDHE AEAD suites and the two TLS 1.2 RSA key transport AEAD suites. The RSA key transport
 * suites are supported but not enabled by default (DESIGN.md §8); an application enables them with
 * setEnabledCipherSuites or SSLParameters, as with SunJSSE.
 */
final class Protocols {
    static final String TLS13 = "TLSv1.3";
    static final String TLS12 = "TLSv1.2";

    /** Supported protocols, newest first. */
    static final List<String> SUPPORTED = List.of(TLS13, TLS12);
    /** A "TLSv1.2" SSLContext's client side, as in SunJSSE: only TLS 1.2 is enabled. */
    static final List<String> TLS12_ONLY = List.of(TLS12);
    /** Only TLS 1.3: kept as one list, so engines restricted to it share it (see EngineParameters). */
    static final List<String> TLS13_ONLY = List.of(TLS13);
    /** One immutable list for every engine that keeps the default suites (not one per engine). */
    private static final List<String> DEFAULT_SUITE_NAMES = Config.DEFAULT_SUITES.stream().map(CipherSuite::name)
            .toList();
    /** Names JSSE knows for older versions: accepted by setEnabledProtocols, never negotiated. */
    private static final List<String> LEGACY = List.of("TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello");

    private Protocols() {
    }

    static String name(ProtocolVersion v) {
        if (v.equals(ProtocolVersion.TLS13)) {
            return TLS13;
        }
        if (v.equals(ProtocolVersion.TLS12)) {
            return TLS12;
        }
        return String.format("0x%04x", v.code());
    }

    /** The version a JSSE protocol name stands for, or null for names we do not implement. */
    static ProtocolVersion version(String name) {
        return switch (name) {
            case TLS13 -> ProtocolVersion.TLS13;
            case TLS12 -> ProtocolVersion.TLS12;
            default -> null;
        };
    }

    /** Whether setEnabledProtocols accepts {@code name} (SunJSSE refuses names it does not know). */
    static boolean known(String name) {
        return SUPPORTED.contains(name) || LEGACY.contains(name);
    }

    /**
     * Suites the core implements, in preference order: TLS 1.3 first, then TLS 1.2 ECDHE AEAD, then
     * TLS 1.2 RSA key transport.
     */
    static List<CipherSuite> supportedSuites() {
        return Config.SUPPORTED_SUITES;
    }

    static List<String> supportedSuiteNames() {
        return supportedSuites().stream().map(CipherSuite::name).toList();
    }

    /** Suites enabled by default: the supported ones without RSA key transport. */
    static List<String> defaultSuiteNames() {
        return DEFAULT_SUITE_NAMES;
    }


    /** Whether {@code suite} can be negotiated under {@code version}. */
    static boolean usableWith(CipherSuite suite, ProtocolVersion version) {
        return version.equals(ProtocolVersion.TLS13) ? suite.tls13() : Tls12Policy.isTls12Suite(suite);
    }

    /** The enabled versions that have at least one enabled suite, newest first. */
    static List<ProtocolVersion> usableVersions(List<String> protocols, List<CipherSuite> suites) {
        List<ProtocolVersion> out = new ArrayList<>();
        for (String name : SUPPORTED) {
            ProtocolVersion v = version(name);
            if (protocols.contains(name) && suites.stream().anyMatch(s -> usableWith(s, v))) {
                out.add(v);
            }
        }
        return out;
    }
}
