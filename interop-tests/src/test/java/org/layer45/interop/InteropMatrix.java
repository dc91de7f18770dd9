package org.layer45.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Records every interop test as a cell (peer × dimension → pass / FAIL / skipped) and rewrites
 * {@code target/interop-matrix.md} after each one, so the file is complete whenever the run ends.
 *
 * <p>A test names its cell with {@link #cell(String, String)} (e.g. {@code cell("OpenSSL s_server",
 * "TLS 1.3 AES_128_GCM X25519 ECDSA")}); a test that names none is filed under its class name with
 * its display name. Registered for every test in this module by JUnit's extension auto-detection
 * (see {@code junit-platform.properties} and {@code META-INF/services}).
 */
public final class InteropMatrix implements TestWatcher {
    private static final ThreadLocal<String[]> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<String> LIMITATION = new ThreadLocal<>();
    private static final List<String[]> ROWS = new ArrayList<>();
    private static final Path OUT = Path.of(System.getProperty("interop.matrix",
            "target/interop-matrix.md"));

    /** Names the cell the calling test proves; call it before the test can fail. */
    public static void cell(String peer, String dimension) {
        CURRENT.set(new String[] {peer, dimension});
    }

    /**
     * Marks the current cell as a peer limitation: the test proved that the peer lacks the feature
     * (and that Layer45 behaves correctly with such a peer); {@code evidence} is what was observed,
     * e.g. the peer's exception or its ClientHello. Shown as "peer limitation" when the test passes.
     */
    public static void limitation(String evidence) {
        LIMITATION.set(evidence);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        String evidence = LIMITATION.get();
        record(context, evidence == null ? "pass" : "peer limitation", evidence);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, "FAIL", firstLine(cause));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, "skipped", firstLine(cause));
    }

    private static String firstLine(Throwable t) {
        String m = t == null ? null : String.valueOf(t.getMessage());
        return m == null ? null : m.lines().findFirst().orElse("");
    }

    private static void record(ExtensionContext context, String result, String detail) {
        String[] cell = CURRENT.get();
        CURRENT.remove();
        LIMITATION.remove();
        if (cell == null) {
            cell = new String[] {context.getRequiredTestClass().getSimpleName(), context.getDisplayName()};
        }
        synchronized (ROWS) {
            ROWS.add(new String[] {cell[0], cell[1], result, detail == null ? "" : detail});
            write();
        }
    }

    private static void write() {
        Map<String, int[]> perPeer = new TreeMap<>();
        StringBuilder cells = new StringBuilder();
        cells.append("| Peer | Dimension | Result | Note |\n|---|---|---|---|\n");
        ROWS.stream().sorted((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]))
                .forEach(r -> {
                    int[] n = perPeer.computeIfAbsent(r[0], k -> new int[4]);
                    n[r[2].equals("pass") ? 0 : r[2].equals("FAIL") ? 1 : r[2].equals("skipped") ? 2 : 3]++;
                    cells.append("| ").append(esc(r[0])).append(" | ").append(esc(r[1])).append(" | ")
                            .append(r[2]).append(" | ").append(esc(r[3])).append(" |\n");
                });
        StringBuilder md = new StringBuilder();
        md.append("# Interop matrix\n\nJava ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vendor")).append("), ").append(java.time.LocalDate.now())
                .append("\n\n| Peer | Pass | Fail | Skipped | Peer limitation |\n|---|---|---|---|---|\n");
        perPeer.forEach((peer, n) -> md.append("| ").append(esc(peer)).append(" | ").append(n[0]).append(" | ")
                .append(n[1]).append(" | ").append(n[2]).append(" | ").append(n[3]).append(" |\n"));
        md.append("\n").append(cells);
        try {
            Files.createDirectories(OUT.toAbsolutePath().getParent());
            Files.writeString(OUT, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
