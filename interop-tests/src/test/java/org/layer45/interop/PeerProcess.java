package org.layer45.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real peer binary (openssl, gnutls-serv, ...) run as a child process with its output captured.
 * Readiness is a line the peer prints; stdin stays open until {@link #close()} (INTEROP.md §1:
 * a non-{@code -www} s_server exits when its stdin reaches EOF).
 */
final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final InputStream captured;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread pump;

    private PeerProcess(Process process) {
        this(process, process.getInputStream());
    }

    private PeerProcess(Process process, InputStream captured) {
        this.process = process;
        this.captured = captured;
        this.pump = new Thread(this::copyOutput, "peer-output");
        pump.setDaemon(true);
        pump.start();
    }

    static PeerProcess start(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        return new PeerProcess(p);
    }

    /** Like {@link #start(Path, List)}, with extra environment variables (e.g. a throw-away HOME). */
    static PeerProcess start(Path dir, List<String> command, java.util.Map<String, String> environment)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        return new PeerProcess(pb.start());
    }

    /**
     * Starts a peer whose stdout goes to {@code stdoutFile} and whose stdin, unless
     * {@code stdinFile} is null (then it is a pipe, see {@link #stdin()}), comes from a file: bulk
     * data stays out of memory and out of the captured text, which is then stderr only.
     */
    static PeerProcess startWithFiles(Path dir, List<String> command, Path stdinFile, Path stdoutFile)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdoutFile.toFile());
        if (stdinFile != null) {
            pb.redirectInput(stdinFile.toFile());
        }
        Process p = pb.start();
        return new PeerProcess(p, p.getErrorStream());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void copyOutput() {
        byte[] buf = new byte[4096];
        try (InputStream in = captured) {
            int n;
            while ((n = in.read(buf)) > 0) {
                output.write(buf, 0, n); // ByteArrayOutputStream locks internally; no lock spans the read
            }
        } catch (IOException e) {
            // The process ended; what it printed so far is kept.
        }
    }


    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the output contains {@code marker}; fails with the output if it does not in time. */
    PeerProcess awaitOutput(String marker, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!output().contains(marker)) {
            if (System.currentTimeMillis() > deadline || !process.isAlive() && !output().contains(marker)) {
                if (!process.isAlive()) {
                    Thread.sleep(50);
                    if (output().contains(marker)) {
                        return this;
                    }
                }
                throw new AssertionError("peer did not print '" + marker + "' in time; output:\n" + output());
            }
            Thread.sleep(10);
        }
        return this;
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int waitFor(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("peer did not exit in time; output:\n" + output());
        }
        pump.join(2000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        pump.join(2000);
    }
}
