package org.layer45.cli.probe;

import java.io.PrintStream;
import java.util.Set;

import org.layer45.cli.Args;
import org.layer45.cli.CliException;
import org.layer45.cli.Command;
import org.layer45.cli.tls.ClientOptions;

/** {@code layer45 probe HOST[:PORT]}: what a TLS server supports, as tables; progress on stderr. */
public final class ProbeCommand implements Command {
    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String summary() {
        return "find out what a TLS server supports (versions, suites, groups, ...)";
    }

    @Override
    public String help() {
        return """
                usage: layer45 probe [options] HOST[:PORT]      (PORT defaults to 443; IPv6 as [::1]:443)

                Makes repeated handshakes through Layer45, each with a restricted offer, and prints:
                protocol versions; cipher suites in the server's order (offer all, drop the chosen one,
                repeat) and whether the server or the client order wins; key-exchange groups one at a
                time, post-quantum hybrids included; whether a missing key share draws a
                HelloRetryRequest; signature schemes one at a time; ALPN; session resumption (TLS 1.3
                PSK, TLS 1.2 tickets / session ids); the certificate chain with expiry and whether it
                verifies; OCSP stapling per version (requested with status_request; the response's
                size and status are shown, it is not validated). Progress goes to stderr.

                  --cacert PEM     verify the certificate against these CAs instead of the JDK's cacerts
                  --timeout MS     connect/read timeout per handshake (default 5000)
                """;
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws CliException {
        Args a = Args.parse(argv, Set.of(), Set.of("--cacert", "--timeout"));
        if (a.positionals().size() != 1) {
            throw CliException.usage("expected HOST[:PORT], got " + a.positionals().size() + " operands");
        }
        HostPort target = HostPort.parse(a.positionals().get(0), 443);
        ClientOptions base = new ClientOptions();
        base.timeoutMillis = 5000;
        if (a.value("--cacert") != null) {
            base.caFile = java.nio.file.Path.of(a.value("--cacert"));
        }
        if (a.value("--timeout") != null) {
            try {
                base.timeoutMillis = Integer.parseInt(a.value("--timeout"));
            } catch (NumberFormatException e) {
                throw CliException.usage("--timeout takes milliseconds, not " + a.value("--timeout"));
            }
        }
        ProbeResult result = new Prober(target.host(), target.port(), base, err).run();
        for (String line : ProbeReport.render(result)) {
            out.println(line);
        }
        return 0;
    }
}
