package org.layer45.jsse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds native peer binaries for the provider's JSSE tests (nginx, tshark), following the project
 * rule: a missing binary skips the test on a developer machine, and fails it when
 * {@code LAYER45_REQUIRE_PEERS=true} (set by {@code .ci/run}), so CI cannot go green by skipping.
 * Besides PATH, the sbin directories are searched, where Debian installs nginx.
 */
final class PeerBinaries {
    private PeerBinaries() {
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("LAYER45_REQUIRE_PEERS"));
    }

    /** The absolute path of {@code name}; skips (locally) or fails (CI) when it is not installed. */
    static String require(String name) {
        String path = find(name);
        if (path == null && required()) {
            throw new AssertionError(name + " is not installed but LAYER45_REQUIRE_PEERS=true");
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
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
