package org.layer45.cli;

/**
 * A failure the user should read as one sentence (no stack trace): a bad option, an unreachable
 * server, a refused certificate. {@link Main} prints "layer45 COMMAND: MESSAGE" and exits with
 * {@link #exitCode()}: 2 for usage errors, 1 for everything else.
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    private CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command line was wrong (exit code 2). */
    public static CliException usage(String message) {
        return new CliException(message, 2, null);
    }

    /** The command ran and failed (exit code 1). */
    public static CliException failure(String message) {
        return new CliException(message, 1, null);
    }

    public static CliException failure(String message, Throwable cause) {
        return new CliException(message, 1, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
