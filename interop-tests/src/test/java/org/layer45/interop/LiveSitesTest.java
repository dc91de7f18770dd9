package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.jsse.Session;

/**
 * Real HTTPS sites through an unmodified {@link HttpsURLConnection} in a JVM whose
 * {@code java.security} names Layer45 as provider 1 (src/test/resources/live/layer45-first.security),
 * with the JDK's own trust store: the handshake must succeed on Layer45, and the version, suite and
 * group negotiated with each site are printed and written to {@code target/live-sites.md}.
 *
 * <p>Needs the internet, so only the {@code live} profile runs it (the default build excludes it):
 * {@code mvn -B -ntp -Plive -pl provider,interop-tests verify -Dtest=LiveSitesTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 * Offline, every site fails on its own with the reason ("cannot resolve ..."), and the file says so.
 */
@Timeout(300)
class LiveSitesTest {
    static final List<String> SITES = List.of("www.google.com", "www.cloudflare.com", "github.com",
            "www.wikipedia.org", "www.amazon.com", "www.microsoft.com", "www.apple.com", "www.youtube.com",
            "www.facebook.com", "www.netflix.com", "www.mozilla.org", "www.bing.com", "www.yahoo.com",
            "www.linkedin.com", "www.reddit.com", "stackoverflow.com", "www.instagram.com", "x.com",
            "www.paypal.com", "www.debian.org", "www.openssl.org", "letsencrypt.org");
    private static final Path OUT = Path.of("target/live-sites.md");
    private static final Map<String, String> ROWS = new TreeMap<>();
    /** A lock, not synchronized: the holder writes a file (no monitor held across blocking I/O). */
    private static final java.util.concurrent.locks.ReentrantLock LOCK = new java.util.concurrent.locks.ReentrantLock();

    @BeforeAll
    static void layer45IsTheDefault() throws Exception {
        assertEquals("Layer45", SSLContext.getDefault().getProvider().getName(),
                "run with -Plive: its java.security override makes Layer45 the first provider");
    }

    static List<String> sites() {
        return SITES;
    }

    @ParameterizedTest(name = "https://{0}/")
    @MethodSource("sites")
    void fetch(String host) throws Exception {
        InteropMatrix.cell("live " + host, "HttpsURLConnection, Layer45 first in java.security");
        HttpsURLConnection conn = (HttpsURLConnection) URI.create("https://" + host + "/").toURL().openConnection();
        conn.setConnectTimeout(10_000);
        conn.setReadTimeout(15_000);
        conn.setInstanceFollowRedirects(false); // the handshake with this host is what is measured
        conn.setRequestProperty("User-Agent", "layer45-interop-live/0.1");
        try {
            int status = conn.getResponseCode();
            SSLSession s = conn.getSSLSession().orElseThrow(() -> new AssertionError(host + ": no TLS session"));
            try (InputStream in = status < 400 ? conn.getInputStream() : conn.getErrorStream()) {
                if (in != null) {
                    in.readNBytes(1 << 16);
                }
            }
            String row = "| " + host + " | " + status + " | " + s.getProtocol() + " | " + s.getCipherSuite() + " | "
                    + s.getValue(Session.NAMED_GROUP_KEY) + " | " + s.getValue(Session.PROVIDER_KEY) + " | ok |";
            System.out.println("live " + host + ": HTTP " + status + ", " + s.getProtocol() + ", " + s.getCipherSuite()
                    + ", " + s.getValue(Session.NAMED_GROUP_KEY));
            record(host, row);
            assertEquals("Layer45", s.getValue(Session.PROVIDER_KEY), host + ": the session was not Layer45's");
        } catch (UnknownHostException e) {
            throw fail(host, "cannot resolve " + e.getMessage() + " (offline?)", e);
        } catch (IOException e) {
            throw fail(host, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            conn.disconnect();
        }
    }

    private static AssertionError fail(String host, String reason, Exception cause) {
        record(host, "| " + host + " | - | - | - | - | - | FAIL: " + reason.replace("|", "/") + " |");
        return new AssertionError(host + ": " + reason, cause);
    }

    private static void record(String host, String row) {
        LOCK.lock();
        try {
            ROWS.put(host, row);
            List<String> lines = new ArrayList<>(List.of("# Live sites through Layer45", "",
                    "Java " + System.getProperty("java.version") + ", HttpsURLConnection, Layer45 first in"
                            + " java.security, " + java.time.LocalDate.now(), "",
                    "| Site | HTTP | Version | Suite | Group | Provider | Result |", "|---|---|---|---|---|---|---|"));
            lines.addAll(ROWS.values());
            try {
                Files.createDirectories(OUT.toAbsolutePath().getParent());
                Files.write(OUT, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } finally {
            LOCK.unlock();
        }
    }
}
