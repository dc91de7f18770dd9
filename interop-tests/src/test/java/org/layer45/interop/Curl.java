package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        /**
         * Asserts that curl succeeded over TLS 1.3, the server accepted {@code alpn} and curl spoke
         * {@code httpVersion} ("2", "1.1"); returns the output for the server-specific checks.
         */
        String assertTls13(String httpVersion, String alpn) {
            assertEquals(0, exitCode, output);
            assertEquals(httpVersion, httpVersion(), output);
            assertTrue(output.contains("SSL connection using TLSv1.3"), output);
            assertTrue(output.contains("ALPN: server accepted " + alpn), output);
            return output;
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
