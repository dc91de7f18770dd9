package org.layer45.jsse;

import java.util.List;

import org.layer45.iana.CipherSuite;
import org.layer45.iana.ProtocolVersion;

/**
 * The protocol versions and cipher suites this provider implements, by their JSSE standard names
 * (Java Security Standard Algorithm Names). TLS 1.2 is added here when the core implements it;
 * everything above this class passes protocol lists through unchanged.
 */
final class Protocols {
    static final String TLS13 = "TLSv1.3";

    /** Supported protocols, newest first. */
    static final List<String> SUPPORTED = List.of(TLS13);

    private Protocols() {
    }

    static String name(ProtocolVersion v) {
        if (v.equals(ProtocolVersion.TLS13)) {
            return TLS13;
        }
        if (v.equals(ProtocolVersion.TLS12)) {
            return "TLSv1.2";
        }
        return String.format("0x%04x", v.code());
    }

    /** Suites the core implements for an enabled protocol, in default preference order. */
    static List<CipherSuite> supportedSuites() {
        return CipherSuite.TLS13_ALL;
    }

    static List<String> supportedSuiteNames() {
        return supportedSuites().stream().map(CipherSuite::name).toList();
    }
}
