package org.layer45.interop;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The rows of {@link InteropMatrix} on disk, one file per test JVM, so that a surefire run with
 * several forked JVMs still produces one complete matrix. Each JVM's file is named
 * {@code <run pid>-<pid>.tsv}, where the run pid is that of the Maven JVM above this one (surefire
 * forks through {@code /bin/sh -c}, so the direct parent differs per fork); a file with another run
 * pid is left over from an earlier run and is deleted. Merging happens
 * under an exclusive {@link FileLock}, and the markdown replaces the old one atomically.
 */
final class MatrixRows {
    private static final String VERSION_MARK = "#version";
    private static final String RUN = String.valueOf(runPid());
    private static final String SELF = RUN + "-" + ProcessHandle.current().pid() + ".tsv";

    private MatrixRows() {
    }

    /** The nearest ancestor running Maven (plexus-classworlds), else the parent, else 0. */
    private static long runPid() {
        java.util.Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; depth < 6 && p.isPresent(); depth++) {
            String cmd = p.get().info().commandLine().orElse("");
            if (cmd.contains("classworlds")) {
                return p.get().pid();
            }
            p = p.get().parent();
        }
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    /**
     * Saves this JVM's rows, merges every JVM's rows of this run and writes each of {@code outs} (the
     * first names the rows folder) with {@code render}.
     */
    static void writeMerged(List<Path> outs, List<String[]> rows, Map<String, String> versions,
            BiFunction<List<String[]>, Map<String, String>, String> render) throws IOException {
        Path dir = outs.get(0).toAbsolutePath().getParent().resolve("interop-matrix-rows");
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            save(dir.resolve(SELF), rows, versions);
            List<String[]> allRows = new ArrayList<>();
            Map<String, String> allVersions = new TreeMap<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tsv")) {
                for (Path f : files) {
                    if (!f.getFileName().toString().startsWith(RUN + "-")) {
                        Files.deleteIfExists(f); // an earlier run's JVM
                        continue;
                    }
                    load(f, allRows, allVersions);
                }
            }
            String markdown = render.apply(allRows, allVersions);
            for (Path out : outs) {
                Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
                Files.writeString(tmp, markdown, StandardCharsets.UTF_8);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static void save(Path file, List<String[]> rows, Map<String, String> versions) throws IOException {
        StringBuilder sb = new StringBuilder();
        versions.forEach((peer, v) -> sb.append(line(VERSION_MARK, peer, v, "")));
        for (String[] r : rows) {
            sb.append(line(r[0], r[1], r[2], r[3]));
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static String line(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            sb.append(i == 0 ? "" : "\t").append(fields[i].replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        }
        return sb.append('\n').toString();
    }

    private static void load(Path file, List<String[]> rows, Map<String, String> versions) throws IOException {
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = l.split("\t", -1);
            if (f.length != 4) {
                continue; // a line cut short by a JVM that died mid-write
            }
            if (f[0].equals(VERSION_MARK)) {
                versions.put(f[1], f[2]);
            } else {
                rows.add(f);
            }
        }
    }
}
