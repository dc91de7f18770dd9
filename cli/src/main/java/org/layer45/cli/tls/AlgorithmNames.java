package org.layer45.cli.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.layer45.cli.CliException;
import org.layer45.connection.Config;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * The groups, cipher suites and signature schemes Layer45 can offer, by their standard names, and
 * the check that names given on the command line are among them (a typo is an error, not a
 * silently ignored entry as in {@code jdk.tls.namedGroups}).
 */
public final class AlgorithmNames {
    private AlgorithmNames() {
    }

    /** Groups the crypto backend implements, post-quantum hybrids first. */
    public static List<String> groups() {
        return DefaultCryptoBackend.create().supportedGroups().stream().map(NamedGroup::name).toList();
    }

    /** Cipher suites Layer45 negotiates: the TLS 1.3 suites, then the TLS 1.2 ECDHE AEAD suites. */
    public static List<String> suites() {
        return Config.DEFAULT_SUITES.stream().map(CipherSuite::name).toList();
    }

    public static List<String> tls13Suites() {
        return CipherSuite.TLS13_ALL.stream().map(CipherSuite::name).toList();
    }

    public static List<String> tls12Suites() {
        return Config.DEFAULT_SUITES_12.stream().map(CipherSuite::name).toList();
    }

    /** Signature schemes a client may offer for the server's CertificateVerify and certificates. */
    public static List<String> signatureSchemes() {
        return Config.DEFAULT_SIGNATURE_SCHEMES_CERT.stream().map(SignatureScheme::name).toList();
    }

    public static boolean isPostQuantumHybrid(String group) {
        return group != null && group.toUpperCase(java.util.Locale.ROOT).contains("MLKEM");
    }

    public static List<String> checkGroups(List<String> names) throws CliException {
        return check(names, groups(), "group", n -> {
            NamedGroup g = NamedGroup.byName(n);
            return g == null ? null : g.name();
        });
    }

    public static List<String> checkSuites(List<String> names) throws CliException {
        return check(names, suites(), "cipher suite", n -> n);
    }

    public static List<String> checkSignatureSchemes(List<String> names) throws CliException {
        return check(names, signatureSchemes(), "signature scheme", n -> {
            SignatureScheme s = SignatureScheme.byName(n);
            return s == null ? null : s.name();
        });
    }

    private static List<String> check(List<String> names, List<String> supported, String what,
            Function<String, String> canonical) throws CliException {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String c = canonical.apply(n.trim());
            if (c == null || !supported.contains(c)) {
                throw CliException.usage("unknown " + what + " '" + n + "'; Layer45 supports: "
                        + String.join(", ", supported));
            }
            out.add(c);
        }
        if (out.isEmpty()) {
            throw CliException.usage("an empty " + what + " list");
        }
        return out;
    }
}
