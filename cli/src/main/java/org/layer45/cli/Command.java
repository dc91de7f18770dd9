package org.layer45.cli;

import java.io.PrintStream;

/** One {@code layer45} subcommand: its name, a one-line summary, its --help text, and its run. */
public interface Command {
    String name();

    String summary();

    /** The full --help text, starting with the usage line. */
    String help();

    /** Runs with the arguments after the command name; returns the exit code. */
    int run(String[] args, PrintStream out, PrintStream err) throws CliException;
}
