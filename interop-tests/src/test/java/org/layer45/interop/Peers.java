package org.layer45.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds real peer binaries. A missing binary skips the test on a developer machine, but fails it
 * when {@code LAYER45_REQUIRE_PEERS=true} (set by {@code .ci/run}), so CI can never go green by
 * skipping interop. Besides PATH, the sbin directories are searched (Debian installs nginx in
 * {@code /usr/sbin}).
 */
final class Peers {
    private static final java.util.Set<String> REPORTED_MISSING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Peers() {
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("LAYER45_REQUIRE_PEERS"));
    }

    /**
     * The absolute path of {@code name} on PATH; skips (locally) or fails (CI) when absent. A skip
     * is also printed to the console (stderr, once per binary), where the Maven output shows it.
     */
    static String require(String name) {
        String path = find(name);
        if (path == null && required()) {
            throw new AssertionError(name + " is not installed but LAYER45_REQUIRE_PEERS=true");
        }
        if (path == null) {
            if (REPORTED_MISSING.add(name)) {
                System.err.println("[layer45 interop] SKIPPING the tests that need " + name + ": not found on"
                        + " PATH or in /usr/sbin, /sbin, /usr/local/sbin (set LAYER45_REQUIRE_PEERS=true to fail"
                        + " instead; .ci/run installs every peer)");
            }
            InteropMatrix.peerMissing(name);
        }
        assumeTrue(path != null, name + " not installed; skipping");
        return path;
    }

    private static String find(String name) {
        List<String> dirs = new ArrayList<>();
        String pathEnv = System.getenv("PATH");
        if (pathEnv != null) {
            dirs.addAll(List.of(pathEnv.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String dir : dirs) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** A free loopback port (there is a small race until the peer binds it). */
    static int freePort() throws IOException {
        // Probe the wildcard address: gnutls-serv binds 0.0.0.0 and ::, so a port that is only free
        // on 127.0.0.1 is not free enough (nothing connects to it but loopback clients).
        try (ServerSocket s = new ServerSocket(0, 1)) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until something listens on TCP {@code port} (any address), read from the kernel's
     * {@code /proc/net/tcp} and {@code tcp6} tables, so the probe uses up no connection of a peer
     * that accepts just one (e.g. {@code s_server -quiet -naccept 1}, which prints no ACCEPT line).
     */
    static void awaitListening(int port, long timeoutMillis) throws IOException, InterruptedException {
        String hexPort = String.format(Locale.ROOT, ":%04X ", port);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path p = Path.of(table);
                if (!Files.isReadable(p)) {
                    continue;
                }
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.trim().split("\\s+");
                    // fields: sl local_address rem_address st ...; st 0A = LISTEN
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing listened on port " + port + " within " + timeoutMillis + " ms");
    }
}
