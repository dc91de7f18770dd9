package org.layer45.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.layer45.cli.demo.DemoCommand;

/**
 * The {@code layer45} command: {@code demo}, {@code get}, {@code probe}, {@code serve} and
 * {@code info}. Every failure ends as one line on stderr, "layer45 COMMAND: what went wrong", and a
 * non-zero exit code (2 for usage errors); {@code --help} after any command explains it.
 */
public final class Main {
    private static final List<Command> COMMANDS = List.of(new DemoCommand(), new GetCommand(), new org.layer45.cli.probe.ProbeCommand(),
            new ServeCommand(), new InfoCommand());

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a subcommand; returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String name = args.length == 0 ? "help" : args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            if (args.length > 1) {
                Command c = find(args[1]);
                if (c != null) {
                    out.print(c.help());
                    return 0;
                }
            }
            usage(out);
            return 0;
        }
        if (name.equals("--version")) {
            out.println("layer45 " + version());
            return 0;
        }
        Command command = find(name);
        if (command == null) {
            err.println("layer45: unknown command '" + name + "'");
            usage(err);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(command.help());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (CliException e) {
            err.println("layer45 " + name + ": " + e.getMessage());
            if (e.exitCode() == 2) {
                err.println("(see: layer45 " + name + " --help)");
            }
            return e.exitCode();
        }
    }

    private static Command find(String name) {
        return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static void usage(PrintStream out) {
        out.println("usage: layer45 COMMAND [options]     (layer45 COMMAND --help for details)");
        for (Command c : COMMANDS) {
            out.printf("  %-6s %s%n", c.name(), c.summary());
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }
}
