package org.layer45.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: flags ({@code -v}, {@code --insecure}), options with a value
 * ({@code --port 8443} or {@code --port=8443}) and positional operands. Anything not declared is a
 * usage error naming the option, so a typo never passes silently.
 */
public final class Args {
    private final Set<String> flags = new HashSet<>();
    private final Map<String, String> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * @param argv     the arguments after the command name
     * @param flagNames options without a value; {@code --help} and {@code -h} are always accepted
     * @param valueNames options that take one value
     */
    public static Args parse(String[] argv, Set<String> flagNames, Set<String> valueNames) throws CliException {
        Args a = new Args();
        List<String> list = Arrays.asList(argv);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (arg.equals("--")) {
                a.positionals.addAll(list.subList(i + 1, list.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                a.positionals.add(arg);
                continue;
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                a.flags.add("--help");
            } else if (flagNames.contains(name) && inline == null) {
                a.flags.add(name);
            } else if (valueNames.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= list.size()) {
                        throw CliException.usage("option " + name + " needs a value");
                    }
                    inline = list.get(++i);
                }
                a.values.put(name, inline);
            } else {
                throw CliException.usage("unknown option " + name);
            }
        }
        return a;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The option's value, or null when it was not given. */
    public String value(String name) {
        return values.get(name);
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A comma-separated option as a list, or null when it was not given. */
    public List<String> list(String name) {
        String v = values.get(name);
        return v == null ? null : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A TCP port option: 0 picks a free port. */
    public int port(String name, int fallback) throws CliException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw CliException.usage(name + " must be a port number 0-65535, not " + v);
            }
            return p;
        } catch (NumberFormatException e) {
            throw CliException.usage(name + " must be a port number 0-65535, not " + v);
        }
    }

    public List<String> positionals() {
        return positionals;
    }
}
