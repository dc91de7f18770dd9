package org.layer45.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real program (openssl s_server, curl, the launcher) run as a child process with stdout and
 * stderr captured together. Readiness is a line it prints; {@link #close()} kills it forcibly if it
 * does not stop, so no test leaves a process behind.
 */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread pump;

    private PeerProcess(Process process) {
        this.process = process;
        this.pump = new Thread(this::copyOutput, "peer-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static PeerProcess start(Path dir, List<String> command) throws IOException {
        return start(dir, command, Map.of());
    }

    public static PeerProcess start(Path dir, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new PeerProcess(pb.start());
    }

    /** Runs {@code command} to completion (bounded) and returns its exit code and output. */
    public static Result run(Path dir, List<String> command, long timeoutMillis) throws Exception {
        return run(dir, command, Map.of(), timeoutMillis);
    }

    public static Result run(Path dir, List<String> command, Map<String, String> env, long timeoutMillis)
            throws Exception {
        try (PeerProcess p = start(dir, command, env)) {
            p.process.getOutputStream().close(); // nothing on stdin
            int rc = p.waitFor(timeoutMillis);
            return new Result(rc, p.output());
        }
    }

    /** Exit code and combined output of a finished process. */
    public record Result(int exitCode, String output) {
    }

    private void copyOutput() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                output.write(buf, 0, n); // ByteArrayOutputStream locks internally; no lock spans the read
            }
        } catch (IOException e) {
            // The process ended or was killed; what it printed so far is kept.
            output.writeBytes(("\n[output pump: " + e + "]\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the output contains {@code marker}; fails with the output if it does not in time. */
    public PeerProcess awaitOutput(String marker, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!output().contains(marker)) {
            if (!process.isAlive()) {
                pump.join(2000);
                if (output().contains(marker)) {
                    return this;
                }
                throw new AssertionError("process exited (" + process.exitValue() + ") before printing '" + marker
                        + "'; output:\n" + output());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("process did not print '" + marker + "' in time; output:\n" + output());
            }
            Thread.sleep(10);
        }
        return this;
    }

    /** Waits for the process to exit by itself and returns its exit code; kills it on timeout. */
    public int waitFor(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("process did not exit within " + timeoutMillis + " ms; output:\n" + output());
        }
        pump.join(2000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        pump.join(2000);
    }
}
