package org.layer45.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Facts a benchmark learns about its own run (what the handshake negotiated, read from the wire),
 * appended as one tab-separated line to the file named by {@code -Dlayer45.bench.facts} so that
 * {@link ResultsTable} can print them beside the numbers: short benchmark name, parameters
 * ({@code key=value;...} sorted by key), text. Without the property the line goes to stdout.
 */
final class Facts {
    private Facts() {
    }

    static void record(BenchmarkParams params, String text) {
        String full = params.getBenchmark();
        String shortName = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
        TreeMap<String, String> sorted = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            sorted.put(key, params.getParam(key));
        }
        StringBuilder line = new StringBuilder(shortName).append('\t');
        sorted.forEach((k, v) -> line.append(k).append('=').append(v).append(';'));
        line.setLength(line.length() - (sorted.isEmpty() ? 0 : 1));
        line.append('\t').append(text).append('\n');
        String file = System.getProperty("layer45.bench.facts");
        if (file == null) {
            System.out.print(line);
            return;
        }
        try {
            Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to " + file, e);
        }
    }
}
