package org.layer45.jsse;

import java.net.IDN;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * Endpoint identification for plain {@code X509TrustManager}s (an X509ExtendedTrustManager does
 * its own): RFC 2818 §3.1 / RFC 6125 §6.4 matching of the server's subjectAltName dNSName or
 * iPAddress entries against the SNI name, else the peer host. A wildcard matches one left-most label
 * only ("*.example.com" matches "a.example.com", not "a.b.example.com" or "example.com").
 */
final class HostnameCheck {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private HostnameCheck() {
    }

    static void verify(Session session, X509Certificate leaf, String algorithm) throws CertificateException {
        if (!algorithm.equalsIgnoreCase("HTTPS") && !algorithm.equalsIgnoreCase("LDAPS")) {
            throw new CertificateException("unknown endpoint identification algorithm: " + algorithm);
        }
        String host = hostOf(session);
        if (host == null) {
            throw new CertificateException("no host name to check the certificate against");
        }
        Collection<List<?>> sans = subjectAltNames(leaf);
        boolean ip = ConfigFactory.isIpLiteral(host);
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = (String) san.get(1);
            if (ip && type == IP_ADDRESS && sameAddress(host, value)) {
                return;
            }
            if (!ip && type == DNS_NAME && matches(host, value)) {
                return;
            }
        }
        throw new CertificateException("no subject alternative " + (ip ? "IP address" : "DNS name")
                + " matching " + host + " found");
    }

    private static String hostOf(Session session) {
        for (SNIServerName n : session.getRequestedServerNames()) {
            if (n instanceof SNIHostName h) {
                return h.getAsciiName();
            }
        }
        return session.getPeerHost();
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate leaf) throws CertificateParsingException {
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        return sans == null ? List.of() : sans;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false; // both are literals; a parse failure means no match
        }
    }

    static boolean matches(String host, String pattern) {
        String h = IDN.toASCII(host).toLowerCase(Locale.ROOT);
        String p = IDN.toASCII(pattern, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return h.equals(p);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.chars().filter(c -> c == '.').count() >= 2;
    }
}
