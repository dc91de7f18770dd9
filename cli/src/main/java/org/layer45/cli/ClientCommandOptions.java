package org.layer45.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.layer45.cli.tls.AlgorithmNames;
import org.layer45.cli.tls.ClientOptions;

/** The TLS client options {@code get} and {@code probe} share, read from the command line and checked. */
final class ClientCommandOptions {
    private ClientCommandOptions() {
    }

    static ClientOptions from(Args a) throws CliException {
        ClientOptions o = new ClientOptions();
        if (a.has("--tls1.2") && a.has("--tls1.3")) {
            o.protocols = List.of("TLSv1.3", "TLSv1.2");
        } else if (a.has("--tls1.2")) {
            o.protocols = List.of("TLSv1.2");
        } else if (a.has("--tls1.3")) {
            o.protocols = List.of("TLSv1.3");
        }
        if (a.list("--groups") != null) {
            o.groups = AlgorithmNames.checkGroups(a.list("--groups"));
        }
        if (a.list("--ciphers") != null) {
            o.cipherSuites = AlgorithmNames.checkSuites(a.list("--ciphers"));
        }
        if (a.list("--sigalgs") != null) {
            o.signatureSchemes = AlgorithmNames.checkSignatureSchemes(a.list("--sigalgs"));
        }
        if (a.value("--cacert") != null) {
            o.caFile = Path.of(a.value("--cacert"));
            if (!Files.isReadable(o.caFile)) {
                throw CliException.usage("cannot read --cacert file " + o.caFile);
            }
        }
        o.insecure = a.has("--insecure");
        if (o.insecure && o.caFile != null) {
            throw CliException.usage("--insecure and --cacert contradict each other");
        }
        if (a.value("--keylog") != null) {
            o.keyLog = Path.of(a.value("--keylog"));
        }
        if (a.value("--timeout") != null) {
            try {
                o.timeoutMillis = Integer.parseInt(a.value("--timeout"));
            } catch (NumberFormatException e) {
                throw CliException.usage("--timeout takes milliseconds, not " + a.value("--timeout"));
            }
        }
        return o;
    }
}
