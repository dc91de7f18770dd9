package org.layer45.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a directory of repeated JMH runs into one GitHub-markdown report comparing Layer45 with the other JSSE
 * providers. A single JMH run on a shared build machine is noisy, so the runs are repeated in rounds
 * ({@code round-1.csv}, {@code round-2.csv}, …, each written with {@code -rf csv}) and this reports medians
 * across rounds, preferring the per-CPU-second throughput of {@link ThreadCpuProfiler} over wall-clock.
 *
 * <p>Optional side files: {@code facts.tsv} (what each handshake negotiated, read from the wire, so a
 * "resumed" benchmark that silently did full handshakes is not reported as a win), {@code footprint.tsv}
 * (heap per connection side) and {@code env.txt} (machine description, printed as is).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.layer45.bench.ResultsTable RESULTS_DIR > report.md}.
 */
public final class ResultsTable {
    /** The providers compared, in column order; Layer45 is the numerator of every ratio. */
    static final List<String> PROVIDERS = List.of("Layer45", "SunJSSE", "BCJSSE", "Conscrypt");
    static final String LAYER45 = "Layer45";
    /** Provider name shown for the raw-cipher baseline, which runs the JDK's JCE without any TLS provider. */
    static final String JCE = "JCE";
    static final String RAW_CLASS = "RawCipherBenchmark";
    static final String CPU_LABEL = "cpu.thrpt";
    static final String ALLOC_LABEL = "gc.alloc.rate.norm";
    /** JMH's per-op allocation figure is a division of a sampled counter; at or below this it is noise. */
    static final double ALLOC_NOISE_BYTES = 1.0;
    private static final Pattern ROUND_FILE = Pattern.compile("round-(\\d+)(-[\\w.-]+)?\\.csv");
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
        return Report.render(load(dir));
    }

    // ------------------------------------------------------------------------------------------------ model

    /**
     * One data line of a JMH CSV file: {@code label} is null for the primary (score) row, else the secondary
     * metric's name without JMH's optional leading middle dot; {@code params} holds only non-empty params.
     */
    record Row(String benchmark, String label, String unit, double score, Map<String, String> params) {
    }

    /**
     * What is compared across providers: a benchmark method ({@code Class.method}) and its params other than
     * {@code provider}, kept sorted by key so that equal configurations compare equal.
     */
    record Scenario(String benchmark, SortedMap<String, String> params) {
        /** Params that lead the label, in this order, because a reader scans by protocol or cipher first. */
        private static final List<String> LEADING_KEYS = List.of("protocol", "suite", "cipher", "cert", "group");

        Scenario {
            params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        }

        String className() {
            int dot = benchmark.indexOf('.');
            return dot < 0 ? benchmark : benchmark.substring(0, dot);
        }

        String method() {
            return benchmark.substring(benchmark.indexOf('.') + 1);
        }

        /** Record size in bytes, or NaN when this is not a byte-throughput benchmark. */
        double size() {
            String size = params.get("size");
            return size == null ? Double.NaN : parseNumber(size);
        }

        boolean sized() {
            return Double.isFinite(size());
        }

        /** Factor from ops to the reported unit: MB (10^6 bytes) per op for sized benchmarks, else 1. */
        double scale() {
            return sized() ? size() / 1e6 : 1.0;
        }

        String opsUnit() {
            return sized() ? "MB" : "ops";
        }

        /** Readable label: {@code full handshake TLSv1.3 ecdsa x25519}, {@code wrap TLS_AES_128_GCM_SHA256 64 B}. */
        String label() {
            StringBuilder label = new StringBuilder(switch (method()) {
                case "fullHandshake" -> "full handshake";
                case "resumedHandshake" -> "resumed handshake";
                default -> method();
            });
            List<String> keys = new ArrayList<>();
            LEADING_KEYS.stream().filter(params::containsKey).forEach(keys::add);
            params.keySet().stream().filter(k -> !LEADING_KEYS.contains(k) && !k.equals("size")).forEach(keys::add);
            for (String key : keys) {
                label.append(' ').append(params.get(key));
            }
            if (params.containsKey("size")) {
                label.append(' ').append(params.get("size")).append(" B");
            }
            return label.toString();
        }
    }

    /** Per-round values of one (scenario, provider): wall-clock ops/s, ops per CPU-second, bytes per op. */
    static final class Samples {
        final List<Double> wall = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        final List<Double> alloc = new ArrayList<>();
    }

    /** Median and range of a series; the median of an even count is the mean of the two middle values. */
    record Stats(double median, double min, double max) {
        /** NaN everywhere for an empty series, so that absent data formats as a dash rather than failing. */
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = values.stream().sorted().collect(Collectors.toList());
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Stats(median, sorted.get(0), sorted.get(n - 1));
        }

        Stats scaled(double factor) {
            return new Stats(median * factor, min * factor, max * factor);
        }
    }

    /** One line of footprint.tsv: heap retained per established connection side. */
    record Footprint(String provider, String protocol, double bytesPerSide, String pairs) {
    }

    /** Everything read from a results directory, with samples grouped by scenario then provider. */
    record Results(List<String> roundFiles, Map<Scenario, Map<String, Samples>> samples, Map<String, String> facts,
            List<Footprint> footprint, String env) {

        /** Samples of one provider in one scenario, or null if that provider was not run there. */
        Samples of(Scenario scenario, String provider) {
            return samples.getOrDefault(scenario, Map.of()).get(provider);
        }

        /** The facts.tsv text for this scenario and provider, or "" if none was recorded. */
        String negotiated(Scenario scenario, String provider) {
            Map<String, String> params = new TreeMap<>(scenario.params());
            if (PROVIDERS.contains(provider)) {
                params.put("provider", provider);
            }
            return facts.getOrDefault(factsKey(scenario.benchmark(), params), "");
        }

        /** True when the wire showed that a benchmark meant to resume did full handshakes instead. */
        boolean notResumed(Scenario scenario, String provider) {
            return negotiated(scenario, provider).contains("NOT resumed");
        }

        /** Scenarios run with a provider param: the ones compared across providers. */
        List<Scenario> providerScenarios() {
            return samples.keySet().stream().filter(s -> !s.className().equals(RAW_CLASS))
                    .filter(s -> samples.get(s).keySet().stream().anyMatch(p -> !p.isEmpty()))
                    .collect(Collectors.toList());
        }

        List<Scenario> rawScenarios() {
            return samples.keySet().stream().filter(s -> s.className().equals(RAW_CLASS))
                    .collect(Collectors.toList());
        }

        /** Scenarios of any other class that has no provider param; reported so that they are not lost. */
        List<Scenario> otherScenarios() {
            List<Scenario> others = new ArrayList<>(samples.keySet());
            others.removeAll(providerScenarios());
            others.removeAll(rawScenarios());
            return others;
        }

        /** Providers present in a scenario: the four known ones in column order, then any others by name. */
        List<String> providers(Scenario scenario) {
            return samples.get(scenario).keySet().stream()
                    .sorted(Comparator.comparingInt((String p) -> PROVIDERS.contains(p)
                            ? PROVIDERS.indexOf(p) : PROVIDERS.size()).thenComparing(Function.identity()))
                    .collect(Collectors.toList());
        }

        /**
         * The first scenario of {@code method} whose params include all of {@code params}, looking in
         * {@code className} first and then in any class, or null.
         */
        Scenario find(String className, String method, Map<String, String> params) {
            return samples.keySet().stream()
                    .filter(s -> s.method().equals(method) && s.params().entrySet().containsAll(params.entrySet()))
                    .min(Comparator.comparing((Scenario s) -> !s.className().equals(className)))
                    .orElse(null);
        }
    }

    // ------------------------------------------------------------------------------------------------ input

    /** Reads every round file and the optional side files of {@code dir}. */
    static Results load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        List<Path> rounds;
        try (Stream<Path> files = Files.list(dir)) {
            rounds = files.filter(f -> ROUND_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(ResultsTable::roundNumber))
                    .collect(Collectors.toList());
        }
        Map<Scenario, Map<String, Samples>> samples = new LinkedHashMap<>();
        for (Path round : rounds) {
            for (Row row : parseCsv(read(round), round.getFileName().toString())) {
                add(samples, row);
            }
        }
        List<String> names = rounds.stream().map(f -> f.getFileName().toString()).collect(Collectors.toList());
        return new Results(names, samples, parseFacts(readOptional(dir.resolve("facts.tsv"))),
                parseFootprint(readOptional(dir.resolve("footprint.tsv"))), readOptional(dir.resolve("env.txt")));
    }

    private static long roundNumber(Path file) {
        Matcher m = ROUND_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    /** Files the results script wrote itself; lenient decoding so an odd byte cannot lose a whole round. */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String readOptional(Path file) throws IOException {
        return Files.isRegularFile(file) ? read(file) : "";
    }

    /** Files one row into its (scenario, provider) samples; rows of metrics not reported are dropped. */
    static void add(Map<Scenario, Map<String, Samples>> samples, Row row) {
        Map<String, String> params = new TreeMap<>(row.params());
        String provider = params.remove("provider");
        Scenario scenario = new Scenario(shortName(row.benchmark()), new TreeMap<>(params));
        if (provider == null) {
            provider = scenario.className().equals(RAW_CLASS) ? JCE : "";
        }
        Samples x = samples(samples, scenario, provider);
        double value = row.score();
        List<Double> target = null;
        if (row.label() == null) {
            double perSecond = opsPerSecondFactor(row.unit());
            if (Double.isNaN(perSecond)) {
                System.err.println("ResultsTable: skipping " + row.benchmark() + ", not a throughput unit: "
                        + row.unit());
            }
            value *= perSecond;
            target = x.wall;
        } else if (row.label().equals(CPU_LABEL)) {
            target = x.cpu;
        } else if (row.label().equals(ALLOC_LABEL)) {
            target = x.alloc;
        }
        if (target != null && Double.isFinite(value)) {
            target.add(value);
        }
    }

    private static Samples samples(Map<Scenario, Map<String, Samples>> samples, Scenario s, String provider) {
        return samples.computeIfAbsent(s, k -> new LinkedHashMap<>()).computeIfAbsent(provider, k -> new Samples());
    }

    /** {@code org.layer45.bench.HandshakeBenchmark.fullHandshake} → {@code HandshakeBenchmark.fullHandshake}. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    /** Factor from a throughput unit (ops per any time unit) to ops/s; NaN for other modes' units (s/op, …). */
    static double opsPerSecondFactor(String unit) {
        switch (unit) {
            case "ops/s":
                return 1;
            case "ops/ms":
                return 1e3;
            case "ops/us":
                return 1e6;
            case "ops/ns":
                return 1e9;
            case "ops/min":
                return 1.0 / 60;
            default:
                return Double.NaN;
        }
    }

    /** The data rows of one JMH CSV file, located by header name because the Param columns vary per file. */
    static List<Row> parseCsv(String text, String source) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = splitCsvLine(lines.get(0).replace("\uFEFF", ""));
        int benchmark = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int unit = header.indexOf("Unit");
        if (benchmark < 0 || score < 0 || unit < 0) {
            throw new IllegalArgumentException(source + ": not a JMH CSV result file (header " + header + ")");
        }
        Map<Integer, String> paramColumns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("Param: ")) {
                paramColumns.put(i, header.get(i).substring("Param: ".length()));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = splitCsvLine(line);
            while (fields.size() < header.size()) { // a trailing empty param may be cut short
                fields.add("");
            }
            Map<String, String> params = new TreeMap<>();
            paramColumns.forEach((column, name) -> {
                if (!fields.get(column).isEmpty()) { // empty: this benchmark has no such param
                    params.put(name, fields.get(column));
                }
            });
            String name = fields.get(benchmark);
            int colon = name.indexOf(':');
            String label = colon < 0 ? null : name.substring(colon + 1).replaceFirst("^[^\\p{Alnum}]+", "");
            rows.add(new Row(colon < 0 ? name : name.substring(0, colon), label, fields.get(unit),
                    parseNumber(fields.get(score)), params));
        }
        return rows;
    }

    /** Splits one CSV line: fields optionally double-quoted, a doubled quote inside quotes is a quote. */
    static List<String> splitCsvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * A number as JMH writes it: {@code %f} in the writer's default locale, so a comma may stand for the
     * decimal point (JMH then quotes the field); NaN when it is no number at all.
     */
    static double parseNumber(String text) {
        String s = text.trim();
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN; // reported as absent data, like JMH's own NaN
        }
    }

    /** facts.tsv as a map from {@link #factsKey} to the negotiated text; a later line for a key wins. */
    static Map<String, String> parseFacts(String text) {
        Map<String, String> facts = new HashMap<>();
        for (String line : lines(text)) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3) {
                facts.put(factsKey(fields[0].trim(), parseParams(fields[1].trim())), fields[2].trim());
            }
        }
        return facts;
    }

    /** {@code cert=ecdsa;group=x25519} as a sorted map. */
    static SortedMap<String, String> parseParams(String text) {
        SortedMap<String, String> params = new TreeMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return params;
    }

    /** Canonical facts key, the params re-sorted so that a writer's ordering cannot cause a miss. */
    static String factsKey(String shortBenchmark, Map<String, String> params) {
        return shortBenchmark + "\t" + new TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** footprint.tsv lines; a line whose byte count is no number (a header, say) is skipped. */
    static List<Footprint> parseFootprint(String text) {
        Map<String, Footprint> byKey = new LinkedHashMap<>(); // one line per provider and protocol: the last
        for (String line : lines(text)) {
            String[] f = line.split("\t");
            if (f.length >= 4 && Double.isFinite(parseNumber(f[2]))) {
                byKey.put(f[0].trim() + "\t" + f[1].trim(),
                        new Footprint(f[0].trim(), f[1].trim(), parseNumber(f[2]), f[3].trim()));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
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
