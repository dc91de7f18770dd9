package org.layer45.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The results of repeated JMH runs as read from one directory, and the reading of it: the model that
 * {@link ResultsTable} reports on. A single JMH run on a shared build machine is noisy, so the runs are repeated
 * in rounds ({@code round-1.csv}, {@code round-2.csv}, …, each written with {@code -rf csv}; a round may be split
 * into {@code round-1-GROUP.csv} files) and every value of every round is kept, grouped by scenario and provider.
 *
 * <p>Optional side files: {@code facts.tsv} (what each handshake negotiated, read from the wire, so a
 * "resumed" benchmark that silently did full handshakes is not reported as a win), {@code footprint.tsv}
 * (heap per connection side) and {@code env.txt} (machine description, kept as is).
 */
final class BenchResults {
    /** The providers compared, in column order; Layer45 is the numerator of every ratio. */
    static final List<String> PROVIDERS = List.of("Layer45", "SunJSSE", "BCJSSE", "Conscrypt");
    /** Provider name shown for the raw-cipher baseline, which runs the JDK's JCE without any TLS provider. */
    static final String JCE = "JCE";
    static final String RAW_CLASS = "RawCipherBenchmark";
    static final String CPU_LABEL = "cpu.thrpt";
    static final String ALLOC_LABEL = "gc.alloc.rate.norm";
    /** A round file's name; group 1 is the round number. */
    static final Pattern ROUND_FILE = Pattern.compile("round-(\\d+)(-[\\w.-]+)?\\.csv");

    private BenchResults() {
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
                    .sorted(Comparator.comparingLong(BenchResults::roundNumber))
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
}
