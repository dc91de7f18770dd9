package org.layer45.interop;

import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code curl} (OpenSSL and nghttp2 inside, INTEROP.md §4) as an HTTPS client of a server
 * running on Layer45: trusts the test roots, resolves localhost to 127.0.0.1, prints its verbose
 * trace (TLS version, suite, ALPN) and the HTTP version it spoke after the body.
 */
final class Curl {
    private Curl() {
    }

    /** curl's exit code and its merged output (body, then "http_version=...", and the -v trace). */
    record Outcome(int exitCode, String output) {
        String httpVersion() {
            return output.lines().filter(l -> l.startsWith("http_version=")).map(l -> l.substring(13))
                    .findFirst().orElse("");
        }
    }

    static Outcome get(TestPki pki, int port, String... flags) throws Exception {
        String curl = Peers.require("curl");
        List<String> cmd = new ArrayList<>(List.of(curl, "-sS", "-v", "--max-time", "20", "--cacert", "ca.pem",
                "--resolve", "localhost:" + port + ":127.0.0.1", "-w", "\nhttp_version=%{http_version}\n"));
        cmd.addAll(List.of(flags));
        cmd.add("https://localhost:" + port + "/");
        try (PeerProcess p = PeerProcess.start(pki.dir, cmd)) {
            int rc = p.waitFor(30_000);
            return new Outcome(rc, p.output());
        }
    }
}
