package org.layer45.cli.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The human-readable account of one handshake that {@code get} prints: versions, suite, group,
 * ALPN, resumption, timing, the certificate chain and how it was (or was not) verified.
 */
public final class HandshakeSummary {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HandshakeSummary() {
    }

    public static List<String> lines(TlsConnection c, ClientOptions options) {
        List<String> out = new ArrayList<>();
        String offered = options.protocols == null ? "TLSv1.3, TLSv1.2" : String.join(", ", options.protocols);
        out.add(row("connected", c.host() + ":" + c.port() + " via " + c.session().getValue(org.layer45.jsse.Session.PROVIDER_KEY)
                + " (TCP " + c.tcpMillis() + " ms)"));
        out.add(row("protocol", c.protocol() + " (offered " + offered + ")"));
        out.add(row("cipher suite", c.cipherSuite()));
        out.add(row("key exchange", groupText(c.group())));
        Observations o = c.observations();
        if (o.helloRetryRequest()) {
            out.add(row("", "after a HelloRetryRequest for " + o.helloRetryGroup().name()));
        }
        out.add(row("ALPN", c.applicationProtocol() == null
                ? (options.alpn.isEmpty() ? "not offered" : "none selected (offered " + String.join(", ", options.alpn) + ")")
                : c.applicationProtocol() + " (offered " + String.join(", ", options.alpn) + ")"));
        out.add(row("resumed", c.resumed() ? "yes" : "no (full handshake)"));
        out.add(row("handshake", String.format(Locale.ROOT, "%.1f ms", c.handshakeMillis())));
        out.addAll(chain(peerChain(c)));
        out.add(row("verified", verification(c, options)));
        return out;
    }

    static String groupText(String group) {
        if (group == null) {
            return "none (PSK without (EC)DHE)";
        }
        return AlgorithmNames.isPostQuantumHybrid(group) ? group + " (post-quantum hybrid: ML-KEM-768 + classical ECDH)"
                : group;
    }

    private static List<X509Certificate> peerChain(TlsConnection c) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate cert : c.session().getPeerCertificates()) {
                out.add((X509Certificate) cert);
            }
            return out;
        } catch (SSLPeerUnverifiedException e) {
            return c.trust().chain(); // a resumed session may not carry the chain
        }
    }

    /** One line per certificate, leaf first: subject, issuer, key, expiry; the leaf's names too. */
    public static List<String> chain(List<X509Certificate> chain) {
        List<String> out = new ArrayList<>();
        out.add(row("certificates", chain.isEmpty() ? "none seen" : chain.size() + " sent by the server"));
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            out.add(String.format(Locale.ROOT, "  %d subject %s", i, cert.getSubjectX500Principal().getName()));
            out.add("    issuer  " + cert.getIssuerX500Principal().getName());
            out.add("    key     " + keyText(cert) + ", signed " + cert.getSigAlgName());
            out.add("    expires " + expiryText(cert));
            if (i == 0) {
                out.add("    names   " + String.join(", ", subjectAltNames(cert)));
            }
        }
        return out;
    }

    static String expiryText(X509Certificate cert) {
        Instant notAfter = cert.getNotAfter().toInstant();
        long days = Duration.between(Instant.now(), notAfter).toDays();
        String when = DAY.format(notAfter);
        return days < 0 ? when + " (EXPIRED " + -days + " days ago)" : when + " (in " + days + " days)";
    }

    static String keyText(X509Certificate cert) {
        var key = cert.getPublicKey();
        if (key instanceof ECKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit";
        }
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + "-bit";
        }
        return key.getAlgorithm();
    }

    /** DNS:name and IP:address entries of the subjectAltName (RFC 5280 §4.2.1.6). */
    public static List<String> subjectAltNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        out.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        out.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            out.add("(unparseable subjectAltName: " + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            out.add("(no subjectAltName; subject " + cert.getSubjectX500Principal().getName() + ")");
        }
        return out;
    }

    private static String verification(TlsConnection c, ClientOptions options) {
        if (options.insecure) {
            return "NO -- INSECURE: --insecure accepted the certificate without checking it or the host name";
        }
        return "yes: chain to a CA in " + options.trustSource() + " (PKIX), and host name " + c.host()
                + " matches the certificate (HTTPS endpoint identification)";
    }

    static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-13s %s", label, value);
    }
}
