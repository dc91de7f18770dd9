package org.layer45.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * The client half of {@code layer45 demo}, run in a separate JVM whose only configuration is a
 * {@code java.security} override naming Layer45 first and a trust store for the demo CA. It uses
 * nothing but the JDK's own {@link HttpsURLConnection} (no Layer45 class is referenced here) and
 * reports what the TLS did, reading Layer45's extra session values by name. Exit code 0 when
 * the TLS was Layer45's, TLS 1.3, and the second connection was resumed.
 */
public final class DemoClient {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private DemoClient() {
    }

    public static void main(String[] args) {
        try {
            run(args[0]);
        } catch (DemoFailure e) {
            System.err.println("demo FAILED: " + e.getMessage());
            System.exit(1);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            System.err.println("demo FAILED: " + e);
            System.exit(1);
        }
    }

    /** A check that did not hold. */
    static final class DemoFailure extends Exception {
        private static final long serialVersionUID = 1L;

        DemoFailure(String message) {
            super(message);
        }
    }

    private static void run(String httpUrl) throws IOException, GeneralSecurityException, DemoFailure {
        SSLContext ctx = SSLContext.getDefault();
        String provider = ctx.getProvider().getName();
        step(1, "provider", "SSLContext.getDefault() comes from \"" + provider + "\" (" + ctx.getProvider().getInfo()
                + ")");
        require(provider.equals("Layer45"), "the default SSLContext is " + provider + ", not Layer45");

        HttpURLConnection plain = (HttpURLConnection) URI.create(httpUrl).toURL().openConnection();
        plain.setInstanceFollowRedirects(true); // it still will not follow http -> https
        timeouts(plain);
        int status = plain.getResponseCode();
        String location = plain.getHeaderField("Location");
        drain(plain);
        step(2, "redirect", "GET " + httpUrl + " -> " + status + " " + plain.getResponseMessage() + ", Location: "
                + location);
        detail("", "HttpURLConnection does not follow a redirect from http: to https: by itself, so this "
                + "program follows the Location header");
        require(status == 301 && location != null && location.startsWith("https://"), "expected a 301 to https://");

        String[] enabled = ctx.getDefaultSSLParameters().getProtocols();
        step(3, "first request", "GET " + location + " with HttpsURLConnection (full handshake)");
        Fetch first = fetch(location);
        SSLSession s = first.session;
        detail("versions", "offered " + String.join(", ", enabled) + " (the default context's protocols); chosen "
                + s.getProtocol());
        detail("key exchange", groupText(s));
        detail("cipher suite", s.getCipherSuite());
        List<X509Certificate> chain = chain(s);
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            detail(i == 0 ? "certificates" : "", i + " " + c.getSubjectX500Principal().getName() + ", issued by "
                    + c.getIssuerX500Principal().getName() + ", expires " + DAY.format(c.getNotAfter().toInstant()));
        }
        verification(chain, location);
        detail("ALPN", "none offered: HttpsURLConnection has no ALPN (it speaks HTTP/1.1 only)");
        detail("handshake", String.format(Locale.ROOT, "%.0f ms (TCP connect + TLS; a cold JVM loads its classes here)",
                first.connectMillis));
        detail("response", first.status + ", Strict-Transport-Security: " + first.hsts);
        detail("page says", first.body.strip());
        require(first.status == 200, "the first request got " + first.status);
        require(first.hsts != null && first.hsts.startsWith("max-age="), "no Strict-Transport-Security header");
        require("TLSv1.3".equals(s.getProtocol()), "negotiated " + s.getProtocol() + ", not TLSv1.3");

        step(4, "second request", "GET " + location + ", a new connection (the server sent Connection: close)");
        Fetch second = fetch(location);
        SSLSession s2 = second.session;
        boolean resumed = Boolean.TRUE.equals(s2.getValue("org.layer45.resumed"));
        detail("resumed", resumed ? "yes: org.layer45.resumed = true, a TLS 1.3 PSK from the first session's ticket"
                : "NO: org.layer45.resumed = " + s2.getValue("org.layer45.resumed"));
        detail("key exchange", s2.getValue("org.layer45.namedGroup") + " again (psk_dhe_ke: the resumed session "
                + "still gets a fresh key exchange, RFC 8446 §4.2.9)");
        detail("handshake", String.format(Locale.ROOT, "%.0f ms", second.connectMillis));
        detail("page says", second.body.strip());
        require(resumed, "the second connection was not resumed");
        require(second.body.contains(" resumed"), "the server did not see the second connection as resumed");

        System.out.println();
        System.out.println("summary: provider " + provider + ", " + s.getProtocol() + ", group "
                + s.getValue("org.layer45.namedGroup") + ", " + s.getCipherSuite() + ", second connection resumed "
                + "with a PSK: " + (resumed ? "yes" : "no"));
    }

    /** One HTTPS GET: connect (handshake) timed, then status, HSTS and body. */
    private static Fetch fetch(String url) throws IOException, DemoFailure {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        timeouts(c);
        long t0 = System.nanoTime();
        c.connect();
        double millis = (System.nanoTime() - t0) / 1e6;
        SSLSession session = c.getSSLSession().orElseThrow(() -> new DemoFailure("no TLS session"));
        int status = c.getResponseCode();
        String hsts = c.getHeaderField("Strict-Transport-Security");
        String body;
        try (InputStream in = c.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Fetch(session, millis, status, hsts, body);
    }

    private record Fetch(SSLSession session, double connectMillis, int status, String hsts, String body) {
    }

    /**
     * How the chain was accepted: the default trust manager (PKIX) found a path to a certificate in
     * javax.net.ssl.trustStore, and HttpsURLConnection turned on endpoint identification HTTPS.
     */
    private static void verification(List<X509Certificate> chain, String url) throws IOException,
            GeneralSecurityException {
        String file = System.getProperty("javax.net.ssl.trustStore");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        String pw = System.getProperty("javax.net.ssl.trustStorePassword");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, pw == null ? null : pw.toCharArray());
        }
        List<String> anchors = new ArrayList<>();
        boolean anchored = false;
        X509Certificate top = chain.get(chain.size() - 1);
        for (String alias : Collections.list(ks.aliases())) {
            Certificate c = ks.getCertificate(alias);
            if (c instanceof X509Certificate x) {
                anchors.add(x.getSubjectX500Principal().getName());
                anchored |= x.equals(top) || x.getSubjectX500Principal().equals(top.getIssuerX500Principal());
            }
        }
        String host = URI.create(url).getHost();
        detail("verified", "PKIX path to " + String.join(", ", anchors) + ", the only entry of the trust store "
                + file + (anchored ? "" : " (NOT an anchor of this chain?)"));
        detail("", "host name " + host + " matched the certificate's " + sans(chain.get(0))
                + " (HttpsURLConnection sets endpoint identification HTTPS)");
    }

    private static String sans(X509Certificate c) {
        try {
            java.util.Collection<List<?>> names = c.getSubjectAlternativeNames();
            List<String> out = new ArrayList<>();
            for (List<?> san : names == null ? List.<List<?>>of() : names) {
                out.add(((Integer) san.get(0) == 2 ? "DNS:" : "IP:") + san.get(1));
            }
            return out.isEmpty() ? "subject " + c.getSubjectX500Principal().getName() : String.join(", ", out);
        } catch (java.security.cert.CertificateParsingException e) {
            return "names (unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<X509Certificate> chain(SSLSession s) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : s.getPeerCertificates()) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    private static String groupText(SSLSession s) {
        Object g = s.getValue("org.layer45.namedGroup");
        String name = String.valueOf(g);
        return name.contains("MLKEM") ? name + " (post-quantum hybrid: ML-KEM-768 + X25519)" : name;
    }

    private static void timeouts(HttpURLConnection c) {
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
    }

    private static void drain(HttpURLConnection c) throws IOException {
        InputStream in = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream();
        if (in != null) {
            try (in) {
                in.readAllBytes();
            }
        }
    }

    private static void require(boolean ok, String failure) throws DemoFailure {
        if (!ok) {
            throw new DemoFailure(failure);
        }
    }

    private static void step(int n, String what, String text) {
        System.out.println();
        System.out.println("[" + n + "] " + what + ": " + text);
    }

    private static void detail(String label, String text) {
        System.out.println(String.format(Locale.ROOT, "    %-13s %s", label, text));
    }
}
