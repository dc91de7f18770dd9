package org.layer45.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a handshake's CPU time goes, from a JFR recording of a benchmark ({@code -prof jfr}):
 * every execution sample is charged to the first frame, from the top of its stack down, that
 * belongs to a known area (public-key crypto, symmetric crypto and hashing, certificate path and
 * parsing, Layer45's own code, ...). A second view counts the samples that have certificate-path
 * validation anywhere on the stack, signature checks included. Prints a markdown table.
 *
 * <p>{@code java -cp benchmarks.jar org.layer45.bench.HandshakeProfile profile.jfr}
 */
public final class HandshakeProfile {
    /** Areas by class-name prefix, most specific first; the first frame that matches one wins. */
    private static final List<Map.Entry<String, String>> AREAS = List.of(
            Map.entry("org.layer45.bench.", "benchmark harness (engine pump, buffers)"),
            Map.entry("org.openjdk.jmh.", "benchmark harness (engine pump, buffers)"),
            Map.entry("org.bouncycastle.math.", "public-key crypto: BouncyCastle (X25519, P-256, ML-KEM)"),
            Map.entry("org.bouncycastle.pqc.", "public-key crypto: BouncyCastle (X25519, P-256, ML-KEM)"),
            Map.entry("org.bouncycastle.crypto.", "public-key crypto: BouncyCastle (X25519, P-256, ML-KEM)"),
            Map.entry("sun.security.ec.", "public-key crypto: JDK (SunEC, RSA, BigInteger)"),
            Map.entry("sun.security.rsa.", "public-key crypto: JDK (SunEC, RSA, BigInteger)"),
            Map.entry("sun.security.util.math.", "public-key crypto: JDK (SunEC, RSA, BigInteger)"),
            Map.entry("java.math.", "public-key crypto: JDK (SunEC, RSA, BigInteger)"),
            Map.entry("com.sun.crypto.provider.", "symmetric crypto and hashing (AES-GCM, HMAC, SHA-2)"),
            Map.entry("sun.security.provider.SHA", "symmetric crypto and hashing (AES-GCM, HMAC, SHA-2)"),
            Map.entry("sun.security.provider.Digest", "symmetric crypto and hashing (AES-GCM, HMAC, SHA-2)"),
            Map.entry("sun.security.provider.ByteArrayAccess", "symmetric crypto and hashing (AES-GCM, HMAC, SHA-2)"),
            Map.entry("sun.security.provider.certpath.", "certificate path validation and X.509 parsing"),
            Map.entry("sun.security.validator.", "certificate path validation and X.509 parsing"),
            Map.entry("sun.security.x509.", "certificate path validation and X.509 parsing"),
            Map.entry("sun.security.util.Der", "certificate path validation and X.509 parsing"),
            Map.entry("sun.security.util.ObjectIdentifier", "certificate path validation and X.509 parsing"),
            Map.entry("java.security.cert.", "certificate path validation and X.509 parsing"),
            Map.entry("sun.security.ssl.", "key and trust manager glue (SunJSSE's X509 managers)"),
            Map.entry("sun.security.provider.", "JCA lookup and randomness (providers, SecureRandom)"),
            Map.entry("java.security.", "JCA lookup and randomness (providers, SecureRandom)"),
            Map.entry("javax.crypto.", "JCA lookup and randomness (providers, SecureRandom)"),
            Map.entry("org.layer45.", "Layer45's own code (codecs, state machine, key schedule, engine)"));

    private HandshakeProfile() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> byArea = new TreeMap<>();
        Map<String, Integer> byTopMethod = new TreeMap<>();
        int total = 0;
        int underCertPath = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            total++;
            byArea.merge(area(frames), 1, Integer::sum);
            if (!frames.isEmpty()) {
                byTopMethod.merge(className(frames.get(0)) + "." + frames.get(0).getMethod().getName(), 1,
                        Integer::sum);
            }
            if (frames.stream().anyMatch(f -> className(f).startsWith("sun.security.provider.certpath.")
                    || className(f).startsWith("sun.security.validator."))) {
                underCertPath++;
            }
        }
        System.out.println("| where the samples are (first known frame from the top) | share |");
        System.out.println("|---|---|");
        int n = Math.max(total, 1);
        byArea.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(a -> System.out.println("| " + a.getKey() + " | " + percent(a.getValue(), n) + " |"));
        System.out.println();
        System.out.println("Samples with certificate-path validation anywhere on the stack (its signature checks "
                + "included): " + percent(underCertPath, n) + " of " + total + ".");
        System.out.println();
        System.out.println("| hottest methods (top of stack) | share |");
        System.out.println("|---|---|");
        byTopMethod.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(m -> System.out.println("| `" + m.getKey() + "` | " + percent(m.getValue(), n) + " |"));
    }

    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String name = className(f);
            for (Map.Entry<String, String> a : AREAS) {
                if (name.startsWith(a.getKey())) {
                    return a.getValue();
                }
            }
        }
        return "other JDK code (collections, allocation, GC barriers)";
    }

    private static String className(RecordedFrame f) {
        return f.getMethod() == null ? "" : f.getMethod().getType().getName();
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
