package org.layer45.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

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
 *
 * <p>A test may prove more than one cell ({@link #also}), and may record a cell the peer cannot do
 * at all as a {@linkplain #limitation peer limitation} with the peer's own output as evidence. When
 * surefire runs the module in several JVMs, each JVM keeps its rows in
 * {@code target/interop-matrix-rows/} and every write merges the rows of all JVMs of the same Maven
 * run (same parent process) under a file lock, so the one markdown file holds every cell. The file
 * is written twice: as the latest run and under the JDK's name (see {@link #OUT_FOR_JDK}).
 */
public final class InteropMatrix implements TestWatcher {
    private static final ThreadLocal<String[]> CURRENT = new ThreadLocal<>();
    /** More cells of the running test: {peer, dimension, result-if-passed or null, note}. */
    private static final ThreadLocal<List<String[]>> EXTRA = ThreadLocal.withInitial(ArrayList::new);
    private static final ThreadLocal<String> NOTE = new ThreadLocal<>();
    /** Evidence that the running test's main cell is a peer limitation (see {@link #limitation(String)}). */
    private static final ThreadLocal<String> MAIN_LIMITATION = new ThreadLocal<>();
    private static final Map<String, String> VERSIONS = new TreeMap<>();
    static final String LIMITATION = "peer limitation";
    private static final List<String[]> ROWS = new ArrayList<>();
    /** Guards ROWS and VERSIONS; a lock, not a monitor, since its holder writes the matrix files. */
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Path OUT = Path.of(System.getProperty("interop.matrix",
            "target/interop-matrix.md"));
    /**
     * The same table under the JDK's name ({@code interop-matrix-jdk17.md}): {@code .ci/run} runs the
     * build on JDK 17 and then JDK 25 in one tree, and the second run must not erase the first.
     */
    private static final Path OUT_FOR_JDK = OUT.resolveSibling(OUT.getFileName().toString()
            .replaceFirst("(\\.md)?$", "-jdk" + Runtime.version().feature() + "$1"));

    /** Names the cell the calling test proves; call it before the test can fail. */
    public static void cell(String peer, String dimension) {
        CURRENT.set(new String[] {peer, dimension});
    }

    /** Evidence for the calling test's main cell, shown in the Note column when it passes. */
    public static void note(String evidence) {
        NOTE.set(evidence);
    }

    /** A further cell the calling test proves (recorded with the test's result). */
    public static void also(String peer, String dimension) {
        EXTRA.get().add(new String[] {peer, dimension, null, null});
    }

    /**
     * A cell the peer cannot do, with the evidence (the peer's own output): recorded as
     * {@value #LIMITATION} if the test (which must assert that evidence) passes, else as FAIL.
     */
    public static void limitation(String peer, String dimension, String evidence) {
        EXTRA.get().add(new String[] {peer, dimension, LIMITATION, evidence});
    }

    /**
     * Marks the calling test's main cell as a peer limitation: the test proved that the peer lacks
     * the feature (and that Layer45 behaves correctly with such a peer); {@code evidence} is what was
     * observed, e.g. the peer's exception or its ClientHello. Shown as {@value #LIMITATION} if the
     * test passes, else as FAIL.
     */
    public static void limitation(String evidence) {
        MAIN_LIMITATION.set(evidence);
    }

    /** The version a peer reported (e.g. {@code openssl version}), listed above the table. */
    public static void peerVersion(String peer, String version) {
        LOCK.lock();
        try {
            VERSIONS.put(peer, version.strip());
        } finally {
            LOCK.unlock();
        }
    }

    /** A peer binary is missing (and not required): one skipped row says so (once per binary). */
    static void peerMissing(String binary) {
        LOCK.lock();
        try {
            if (ROWS.stream().anyMatch(r -> r[0].equals(binary) && r[2].equals("skipped"))) {
                return;
            }
            ROWS.add(new String[] {binary, "(every test)", "skipped", binary + " not installed"});
            write();
        } finally {
            LOCK.unlock();
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, "pass", null);
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
        String note = NOTE.get();
        NOTE.remove();
        String limitationEvidence = MAIN_LIMITATION.get();
        MAIN_LIMITATION.remove();
        String mainResult = result;
        if (limitationEvidence != null && result.equals("pass")) {
            mainResult = LIMITATION;
            note = limitationEvidence;
        }
        if (detail == null && note != null) {
            detail = note;
        }
        List<String[]> extra = new ArrayList<>(EXTRA.get());
        EXTRA.remove();
        if (cell == null && extra.isEmpty()) {
            cell = new String[] {context.getRequiredTestClass().getSimpleName(), context.getDisplayName()};
        }
        LOCK.lock();
        try {
            if (cell != null) {
                ROWS.add(new String[] {cell[0], cell[1], mainResult, detail == null ? "" : detail});
            }
            for (String[] e : extra) {
                boolean limitation = e[2] != null && result.equals("pass");
                ROWS.add(new String[] {e[0], e[1], limitation ? e[2] : result,
                    limitation ? e[3] : detail == null ? "" : detail});
            }
            write();
        } finally {
            LOCK.unlock();
        }
    }

    private static void write() {
        try {
            MatrixRows.writeMerged(List.of(OUT, OUT_FOR_JDK), ROWS, VERSIONS, InteropMatrix::render);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rank of a result when several tests prove the same cell: the worst one wins. */
    private static int rank(String result) {
        return switch (result) {
            case "FAIL" -> 3;
            case "skipped" -> 2;
            case LIMITATION -> 1;
            default -> 0;
        };
    }

    /** One row per (peer, dimension): the worst result, and the distinct notes joined. */
    private static List<String[]> mergeSameCell(List<String[]> rows) {
        Map<String, String[]> cells = new java.util.LinkedHashMap<>();
        for (String[] r : rows) {
            String key = r[0] + "\t" + r[1];
            String[] have = cells.get(key);
            if (have == null) {
                cells.put(key, r.clone());
                continue;
            }
            if (rank(r[2]) > rank(have[2])) {
                have[2] = r[2];
            }
            if (!r[3].isEmpty() && !have[3].contains(r[3])) {
                have[3] = have[3].isEmpty() ? r[3] : have[3] + "; " + r[3];
            }
        }
        return new ArrayList<>(cells.values());
    }

    private static String render(List<String[]> allRows, Map<String, String> versions) {
        List<String[]> rows = mergeSameCell(allRows);
        Map<String, int[]> perPeer = new TreeMap<>();
        StringBuilder cells = new StringBuilder();
        cells.append("| Peer | Dimension | Result | Note |\n|---|---|---|---|\n");
        rows.stream().sorted((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]))
                .forEach(r -> {
                    int[] n = perPeer.computeIfAbsent(r[0], k -> new int[4]);
                    n[r[2].equals("pass") ? 0 : r[2].equals("FAIL") ? 1 : r[2].equals(LIMITATION) ? 3 : 2]++;
                    cells.append("| ").append(esc(r[0])).append(" | ").append(esc(r[1])).append(" | ")
                            .append(r[2]).append(" | ").append(esc(r[3])).append(" |\n");
                });
        StringBuilder md = new StringBuilder();
        md.append("# Interop matrix\n\nJava ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vendor")).append("), ").append(java.time.LocalDate.now())
                .append("\n\n");
        versions.forEach((peer, v) -> md.append("- ").append(esc(peer)).append(": ").append(esc(v)).append("\n"));
        md.append("\n| Peer | Pass | Fail | Skipped | Peer limitation |\n|---|---|---|---|---|\n");
        perPeer.forEach((peer, n) -> md.append("| ").append(esc(peer)).append(" | ").append(n[0]).append(" | ")
                .append(n[1]).append(" | ").append(n[2]).append(" | ").append(n[3]).append(" |\n"));
        md.append("\n").append(cells);
        return md.toString();
    }

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
