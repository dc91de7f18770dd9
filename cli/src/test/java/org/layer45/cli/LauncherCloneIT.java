package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, Must show 1: from a fresh clone, {@code ./layer45 demo} builds what is missing, quietly,
 * and succeeds. The committed HEAD of this repository is cloned into a temporary directory and the
 * launcher is run there with this test's JDK. Maven runs offline ({@code .mvn/maven.config} in the
 * clone): this test runs in the integration-test phase, after this build has put every plugin and
 * dependency into the local repository.
 */
@Timeout(600)
class LauncherCloneIT {
    private static final long BUILD_AND_DEMO_TIMEOUT_MILLIS = 480_000;

    @Test
    void demoSucceedsFromAFreshClone(@TempDir Path tmp) throws Exception {
        String git = Peers.require("git");
        Peers.require("mvn");
        Path repo = Path.of(System.getProperty("user.dir")).getParent(); // surefire runs in cli/
        PeerProcess.Result head = PeerProcess.run(repo, List.of(git, "rev-parse", "HEAD"), 20_000);
        assertEquals(0, head.exitCode(), head.output());
        String commit = head.output().strip();
        PeerProcess.Result dirty = PeerProcess.run(repo, List.of(git, "status", "--porcelain", "--", "."), 20_000);
        if (!dirty.output().isBlank()) {
            System.out.println("LauncherCloneIT: testing commit " + commit + "; uncommitted changes are not in it:\n"
                    + dirty.output());
        }
        Path clone = tmp.resolve("layer45");
        PeerProcess.Result cloned = PeerProcess.run(tmp, List.of(git, "clone", "--quiet", "--no-hardlinks",
                repo.toString(), clone.toString()), 60_000);
        assertEquals(0, cloned.exitCode(), cloned.output());
        PeerProcess.Result checkout = PeerProcess.run(clone, List.of(git, "checkout", "--quiet", "--detach", commit),
                20_000);
        assertEquals(0, checkout.exitCode(), checkout.output());
        Files.createDirectories(clone.resolve(".mvn"));
        Files.writeString(clone.resolve(".mvn/maven.config"), "-o\n");

        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        long t0 = System.nanoTime();
        String out;
        int rc;
        long buildMillis;
        try (PeerProcess demo = PeerProcess.start(clone, List.of("./layer45", "demo"), env)) {
            demo.awaitOutput("Layer45 demo:", BUILD_AND_DEMO_TIMEOUT_MILLIS);
            buildMillis = (System.nanoTime() - t0) / 1_000_000;
            rc = demo.waitFor(BUILD_AND_DEMO_TIMEOUT_MILLIS);
            out = demo.output();
        }
        long totalMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("LauncherCloneIT: fresh clone of %s on Java %s: build %.1f s, build + demo %.1f s%n",
                commit.substring(0, 10), Runtime.version(), buildMillis / 1000.0, totalMillis / 1000.0);
        assertEquals(0, rc, out);
        // Quiet: one line about the build, then the demo's own output.
        assertTrue(out.startsWith("layer45: building cli/target/layer45.jar (first run or changed sources; tests "
                + "skipped) ...\nLayer45 demo:"), out);
        assertTrue(out.contains("[1] provider: SSLContext.getDefault() comes from \"Layer45\""), out);
        assertTrue(out.contains("-cp " + clone.resolve("cli/target/layer45.jar") + " org.layer45.cli.demo.DemoClient"),
                out);
        assertTrue(out.contains("chosen TLSv1.3"), out);
        assertTrue(out.contains("key exchange  X25519MLKEM768"), out);
        assertTrue(out.contains("resumed       yes: org.layer45.resumed = true"), out);
        assertTrue(out.contains("summary: provider Layer45, TLSv1.3, group X25519MLKEM768, "), out);
        assertTrue(out.contains("second connection resumed with a PSK: yes"), out);
        assertTrue(out.contains("demo OK"), out);

        // Second run: the jar is up to date, nothing is built.
        PeerProcess.Result again = PeerProcess.run(clone, List.of("./layer45", "--version"), env, 60_000);
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("layer45 0.1.0-SNAPSHOT\n", again.output());
    }
}
