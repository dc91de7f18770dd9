package org.layer45.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * Finds real peer binaries. A missing binary skips the test on a developer machine, but fails it
 * when {@code LAYER45_REQUIRE_PEERS=true} (set by {@code .ci/run}), so CI can never go green by
 * skipping interop.
 */
final class Peers {
    private Peers() {
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("LAYER45_REQUIRE_PEERS"));
    }

    /** The absolute path of {@code name} on PATH; skips (locally) or fails (CI) when absent. */
    static String require(String name) {
        String path = find(name);
        if (path == null && required()) {
            throw new AssertionError(name + " is not installed but LAYER45_REQUIRE_PEERS=true");
        }
        assumeTrue(path != null, name + " not installed; skipping");
        return path;
    }

    /** Where Debian installs daemons (nginx), which a non-root PATH often lacks. */
    private static final String SBIN_DIRS = "/usr/sbin" + File.pathSeparator + "/usr/local/sbin";

    private static String find(String name) {
        String pathEnv = System.getenv("PATH");
        pathEnv = (pathEnv == null ? "" : pathEnv + File.pathSeparator) + SBIN_DIRS;
        for (String dir : pathEnv.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** A free loopback port (there is a small race until the peer binds it). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
