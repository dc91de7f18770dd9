package org.layer45.cli.probe;

import org.layer45.cli.CliException;

/** A {@code HOST[:PORT]} operand; IPv6 literals in brackets ({@code [::1]:8443}). */
record HostPort(String host, int port) {
    static HostPort parse(String s, int defaultPort) throws CliException {
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw CliException.usage("unclosed [ in " + s);
            }
            host = s.substring(1, end);
            if (end + 1 < s.length()) {
                if (s.charAt(end + 1) != ':') {
                    throw CliException.usage("expected :PORT after ] in " + s);
                }
                port = s.substring(end + 2);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw CliException.usage("no host in " + s);
        }
        if (port == null) {
            return new HostPort(host, defaultPort);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(host, p);
        } catch (NumberFormatException e) {
            throw CliException.usage("not a port: " + port);
        }
    }
}
