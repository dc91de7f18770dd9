package org.layer45.bench;

import static org.layer45.bench.BenchResults.JCE;
import static org.layer45.bench.BenchResults.PROVIDERS;
import static org.layer45.bench.BenchResults.RAW_CLASS;
import static org.layer45.bench.BenchResults.ROUND_FILE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

import org.layer45.bench.BenchResults.Footprint;
import org.layer45.bench.BenchResults.Results;
import org.layer45.bench.BenchResults.Samples;
import org.layer45.bench.BenchResults.Scenario;
import org.layer45.bench.BenchResults.Stats;

/**
 * Turns a directory of repeated JMH runs into one GitHub-markdown report comparing Layer45 with the other JSSE
 * providers: medians across rounds, preferring the per-CPU-second throughput of {@link ThreadCpuProfiler} over
 * wall-clock, ratios, heap per connection and the project's targets. The directory is read by
 * {@link BenchResults}, which describes its files.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.layer45.bench.ResultsTable RESULTS_DIR > report.md}.
 */
public final class ResultsTable {
    static final String LAYER45 = "Layer45";
    /** JMH's per-op allocation figure is a division of a sampled counter; at or below this it is noise. */
    static final double ALLOC_NOISE_BYTES = 1.0;
    private static final String DASH = "–";

    private ResultsTable() {
    }

    /** Prints the report for the results directory named by the one argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ResultsTable RESULTS_DIR");
            System.exit(2);
        }
        try {
            System.out.print(report(Path.of(args[0])));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            System.err.println("ResultsTable: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The whole markdown report for {@code dir}. */
    static String report(Path dir) throws IOException {
        return Report.render(BenchResults.load(dir));
    }

    // ------------------------------------------------------------------------------------------------ format

    /** Thousands separators from 1,000 up; below that at most 3 significant digits; a dash for no number. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return DASH;
        }
        BigDecimal rounded = BigDecimal.valueOf(v).round(new MathContext(3, RoundingMode.HALF_UP));
        if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }

    /** {@code 1.37×}. */
    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    /**
     * One quantity a target compares, per CPU-second and wall-clock, in the scenario's unit (ops or MB);
     * {@code problem} says why it cannot be used, or is null.
     */
    record Measure(double cpu, double wall, String unit, String problem) {
        static Measure of(Results results, Scenario scenario, String provider) {
            if (scenario == null) {
                return new Measure(Double.NaN, Double.NaN, "ops", "no data");
            }
            Samples s = results.of(scenario, provider);
            if (s == null) {
                return new Measure(Double.NaN, Double.NaN, scenario.opsUnit(), provider + " not run");
            }
            if (results.notResumed(scenario, provider)) {
                return new Measure(Double.NaN, Double.NaN, scenario.opsUnit(), provider + " did not resume");
            }
            return new Measure(Stats.of(s.cpu).median() * scenario.scale(),
                    Stats.of(s.wall).median() * scenario.scale(), scenario.opsUnit(), null);
        }

        /** The rate of doing {@code a} then {@code b} on the same data: 1 / (1/a + 1/b). */
        static Measure serial(Measure a, Measure b) {
            String problem = a.problem != null ? a.problem : b.problem;
            return new Measure(1 / (1 / a.cpu + 1 / b.cpu), 1 / (1 / a.wall + 1 / b.wall), a.unit, problem);
        }
    }

    /** Renders {@link Results} as markdown, one method per section. */
    static final class Report {
        private final Results results;
        private final StringBuilder out = new StringBuilder();

        private Report(Results results) {
            this.results = results;
        }

        static String render(Results results) {
            Report report = new Report(results);
            report.header();
            report.summary();
            report.details();
            report.providerless("Raw JCE ciphers", results.rawScenarios(), false);
            if (!results.otherScenarios().isEmpty()) {
                report.providerless("Other benchmarks (no provider param)", results.otherScenarios(), true);
            }
            report.heap();
            report.targets();
            return report.out.toString();
        }

        private void header() {
            out.append("# Benchmark results\n\n");
            if (!results.env().isBlank()) {
                out.append("```\n").append(results.env().stripTrailing()).append("\n```\n\n");
            }
            List<String> files = results.roundFiles();
            long rounds = files.stream().map(f -> ROUND_FILE.matcher(f)).filter(Matcher::matches)
                    .map(m -> m.group(1)).distinct().count();
            out.append("Rounds read: ").append(rounds).append(" (").append(files.size()).append(" result files).\n");
        }

        private void summary() {
            List<Scenario> scenarios = results.providerScenarios();
            // Compare like with like: a row is CPU-based only if every provider that ran in it has a CPU figure.
            Map<Scenario, Boolean> cpuBased = new HashMap<>();
            for (Scenario s : scenarios) {
                cpuBased.put(s, PROVIDERS.stream()
                        .filter(p -> results.of(s, p) != null && !results.notResumed(s, p))
                        .allMatch(p -> !results.of(s, p).cpu.isEmpty()));
            }
            long wallRows = cpuBased.values().stream().filter(cpu -> !cpu).count();
            boolean allWall = !scenarios.isEmpty() && wallRows == scenarios.size();
            List<List<String>> rows = new ArrayList<>();
            for (Scenario s : scenarios) {
                boolean cpu = cpuBased.get(s);
                List<String> row = new ArrayList<>();
                row.add(s.label() + (cpu || allWall ? "" : " (wall)"));
                double[] value = new double[PROVIDERS.size()];
                for (int i = 0; i < PROVIDERS.size(); i++) {
                    String p = PROVIDERS.get(i);
                    Samples x = results.of(s, p);
                    value[i] = Double.NaN;
                    if (x == null) {
                        row.add(DASH);
                    } else if (results.notResumed(s, p)) {
                        row.add("not resumed");
                    } else {
                        value[i] = Stats.of(cpu ? x.cpu : x.wall).median() * s.scale();
                        row.add(fmt(value[i]));
                    }
                }
                for (int i = 1; i < PROVIDERS.size(); i++) {
                    boolean both = Double.isFinite(value[0]) && Double.isFinite(value[i]) && value[i] > 0;
                    row.add(both ? ratio(value[0] / value[i]) : DASH);
                }
                rows.add(row);
            }
            out.append("\n## Summary (").append(allWall ? "wall-clock, no cpu.thrpt recorded"
                    : "per CPU-second of the benchmark thread").append("; ratios are Layer45 ÷ peer)\n\n");
            if (rows.isEmpty()) {
                out.append("No provider benchmarks found.\n");
                return;
            }
            out.append("Median over rounds, in ").append(allWall ? "ops/s (MB/s" : "ops/cpu-s (MB/cpu-s")
                    .append(" where the label ends in a size; MB = 10^6 bytes).");
            if (wallRows > 0 && !allWall) {
                out.append(" Rows marked (wall) lack cpu.thrpt for some provider and compare wall-clock ops/s.");
            }
            out.append("\n\n");
            List<String> head = new ArrayList<>(List.of("scenario"));
            head.addAll(PROVIDERS);
            PROVIDERS.subList(1, PROVIDERS.size()).forEach(p -> head.add("÷" + p));
            table(head, "lrrrrrrr", rows);
        }

        private void details() {
            out.append("\n## Details\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (Scenario s : results.providerScenarios()) {
                for (String p : results.providers(s)) {
                    List<String> row = measuredCells(s, p, s.label(), p.isEmpty() ? DASH : p);
                    row.add(results.negotiated(s, p));
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                out.append("No provider benchmarks found.\n");
                return;
            }
            table(List.of("scenario", "provider", "wall median (min–max)", "per CPU-s", "B/op", "negotiated"),
                    "llrrrl", rows);
        }

        /** Benchmarks without a provider param: the raw-cipher baseline, and anything else of that kind. */
        private void providerless(String title, List<Scenario> scenarios, boolean withClass) {
            out.append("\n## ").append(title).append("\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (Scenario s : scenarios) {
                for (String p : results.providers(s)) {
                    String label = withClass ? s.className() + " " + s.label() : s.label();
                    rows.add(measuredCells(s, p, label, p.isEmpty() ? DASH : p));
                }
            }
            if (rows.isEmpty()) {
                out.append("No results.\n");
                return;
            }
            table(List.of("scenario", "provider", "wall median (min–max)", "per CPU-s", "B/op"), "llrrr", rows);
        }

        /** scenario, provider, wall median (min–max), per CPU-s, B/op; units in the cells as rows mix them. */
        private List<String> measuredCells(Scenario s, String provider, String label, String providerCell) {
            Samples x = results.of(s, provider);
            Stats wall = Stats.of(x.wall).scaled(s.scale());
            double cpu = Stats.of(x.cpu).median() * s.scale();
            double alloc = Stats.of(x.alloc).median();
            List<String> row = new ArrayList<>();
            row.add(label);
            row.add(providerCell);
            row.add(Double.isNaN(wall.median()) ? DASH : fmt(wall.median()) + " " + s.opsUnit() + "/s ("
                    + fmt(wall.min()) + "–" + fmt(wall.max()) + ")");
            row.add(Double.isNaN(cpu) ? DASH : fmt(cpu) + " " + s.opsUnit() + "/cpu-s");
            row.add(fmt(alloc));
            return row;
        }

        private void heap() {
            out.append("\n## Heap per established connection side\n\n");
            List<Footprint> lines = new ArrayList<>(results.footprint());
            if (lines.isEmpty()) {
                out.append("No footprint.tsv.\n");
                return;
            }
            lines.sort(Comparator.comparingInt(
                    (Footprint f) -> PROVIDERS.contains(f.provider()) ? PROVIDERS.indexOf(f.provider()) : 99));
            List<List<String>> rows = new ArrayList<>();
            for (Footprint f : lines) {
                rows.add(List.of(f.provider(), f.protocol(), kilobytes(f.bytesPerSide()), f.pairs()));
            }
            table(List.of("provider", "protocol", "bytes/side", "pairs"), "llrr", rows);
        }

        private static String kilobytes(double bytes) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024);
        }

        private void targets() {
            out.append("\n## Targets\n\n");
            String hs = "HandshakeBenchmark";
            Map<String, String> ecdsa13 = Map.of("protocol", "TLSv1.3", "cert", "ecdsa", "group", "x25519");
            Map<String, String> rsa13 = Map.of("protocol", "TLSv1.3", "cert", "rsa", "group", "x25519");
            Scenario full = results.find(hs, "fullHandshake", ecdsa13);
            atLeast("full handshake TLSv1.3 ecdsa x25519", full, 0.75, "Conscrypt", measure(full, "Conscrypt"));
            atLeast("full handshake TLSv1.3 ecdsa x25519", full, 5, "SunJSSE", measure(full, "SunJSSE"));
            Scenario rsa = results.find(hs, "fullHandshake", rsa13);
            atLeast("full handshake TLSv1.3 rsa x25519", rsa, 0.75, "Conscrypt", measure(rsa, "Conscrypt"));
            Scenario resumed = results.find(hs, "resumedHandshake", ecdsa13);
            atLeast("resumed handshake TLSv1.3 ecdsa x25519", resumed, 0.8, "Conscrypt",
                    measure(resumed, "Conscrypt"));
            atLeast("resumed handshake TLSv1.3 ecdsa x25519", resumed, 2.5, "SunJSSE", measure(resumed, "SunJSSE"));

            Map<String, String> aes128 = Map.of("suite", "TLS_AES_128_GCM_SHA256", "size", "16384");
            Map<String, String> rawAes128 = Map.of("cipher", "AES-128-GCM", "size", "16384");
            Measure encrypt = measure(results.find(RAW_CLASS, "encrypt", rawAes128), JCE);
            Measure decrypt = measure(results.find(RAW_CLASS, "decrypt", rawAes128), JCE);
            Scenario wrap = results.find("BulkBenchmark", "wrap", aes128);
            atLeast("wrap TLS_AES_128_GCM_SHA256 16384 B", wrap, 0.95, "raw AES-128-GCM encrypt", encrypt);
            Scenario wrapUnwrap = results.find("BulkBenchmark", "wrapUnwrap", aes128);
            atLeast("wrapUnwrap TLS_AES_128_GCM_SHA256 16384 B", wrapUnwrap, 0.9,
                    "raw AES-128-GCM encrypt+decrypt (1/(1/enc + 1/dec))", Measure.serial(encrypt, decrypt));

            heapTarget();
            allocationTargets();
        }

        private Measure measure(Scenario scenario, String provider) {
            return Measure.of(results, scenario, provider);
        }

        /** A "Layer45 ≥ factor × peer" line, per CPU-second when both sides have it, else wall-clock. */
        private void atLeast(String subject, Scenario mine, double factor, String peerName, Measure peer) {
            Measure layer45 = measure(mine, LAYER45);
            out.append("- ").append(subject).append(": Layer45 ≥ ").append(fmt(factor)).append(" × ")
                    .append(peerName).append(" — ");
            String problem = layer45.problem() != null ? layer45.problem() : peer.problem();
            boolean cpu = Double.isFinite(layer45.cpu()) && Double.isFinite(peer.cpu());
            double a = cpu ? layer45.cpu() : layer45.wall();
            double b = cpu ? peer.cpu() : peer.wall();
            if (problem != null || !Double.isFinite(a) || !Double.isFinite(b) || b <= 0) {
                out.append("not measured").append(problem == null ? "" : " (" + problem + ")").append('\n');
                return;
            }
            double r = a / b;
            out.append(fmt(a)).append(" vs ").append(fmt(b)).append(' ').append(layer45.unit())
                    .append(cpu ? "/cpu-s" : "/s").append(" (").append(ratio(r)).append("): ")
                    .append(verdict(r >= factor, r / factor)).append('\n');
        }

        private void heapTarget() {
            double limit = 2560;
            out.append("- heap per connection side: Layer45 ≤ ").append(fmt(limit)).append(" B — ");
            Footprint mine = results.footprint().stream().filter(f -> f.provider().equals(LAYER45))
                    .min(Comparator.comparing((Footprint f) -> !f.protocol().equals("TLSv1.3"))).orElse(null);
            if (mine == null) {
                out.append("not measured\n");
                return;
            }
            out.append(fmt(mine.bytesPerSide())).append(" B (").append(mine.protocol()).append("): ")
                    .append(verdict(mine.bytesPerSide() <= limit, mine.bytesPerSide() / limit)).append('\n');
        }

        /** Layer45's bulk path should not allocate per record, for each suite at full record size. */
        private void allocationTargets() {
            boolean any = false;
            for (Scenario s : results.providerScenarios()) {
                boolean bulk = s.className().equals("BulkBenchmark")
                        && (s.method().equals("wrap") || s.method().equals("wrapUnwrap"))
                        && "16384".equals(s.params().get("size"));
                Samples x = results.of(s, LAYER45);
                if (!bulk || x == null) {
                    continue;
                }
                any = true;
                out.append("- ").append(s.label()).append(": Layer45 ≤ ").append(fmt(ALLOC_NOISE_BYTES))
                        .append(" B/op (counts as 0) — ");
                double alloc = Stats.of(x.alloc).median();
                if (Double.isNaN(alloc)) {
                    out.append("not measured (no gc.alloc.rate.norm; run with -prof gc)\n");
                } else {
                    out.append(fmt(alloc)).append(" B/op: ")
                            .append(verdict(alloc <= ALLOC_NOISE_BYTES, alloc / ALLOC_NOISE_BYTES)).append('\n');
                }
            }
            if (!any) {
                out.append("- BulkBenchmark wrap/wrapUnwrap 16384 B: Layer45 ≤ 1 B/op — not measured\n");
            }
        }

        /** {@code met}, or how far off: measured ÷ target for limits, achieved ÷ required ratio for floors. */
        private static String verdict(boolean met, double ofTarget) {
            return met ? "met" : String.format(Locale.ROOT, "missed (%.2f of target)", ofTarget);
        }

        private void table(List<String> head, String align, List<List<String>> rows) {
            row(head);
            out.append('|');
            for (char a : align.toCharArray()) {
                out.append(a == 'r' ? "---:|" : "---|");
            }
            out.append('\n');
            rows.forEach(this::row);
        }

        private void row(List<String> cells) {
            out.append('|');
            for (String cell : cells) {
                // A bar inside a cell would end it early.
                out.append(' ').append(cell.replace("|", "\\|")).append(" |");
            }
            out.append('\n');
        }
    }
}
