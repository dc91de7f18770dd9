package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void infoSelfChecksEveryGroupAndSuite() {
        CliRun r = CliRun.of("info");
        assertEquals(0, r.exitCode(), r.toString());
        // ML-KEM-768 encapsulation key (1184) + X25519 (32); ciphertext (1088) + X25519 (32).
        assertTrue(r.out().contains("group X25519MLKEM768: ok (client share 1216 B, server share 1120 B, secret 64 B)"),
                r.out());
        assertTrue(r.out().contains("suite TLS_CHACHA20_POLY1305_SHA256: ok"), r.out());
        assertTrue(r.out().contains("self-check: ok"), r.out());
    }

    @Test
    void unknownCommandFailsWithUsage() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown command 'frobnicate'"), r.err());
        assertTrue(r.err().contains("  probe  find out what a TLS server supports"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "get", "probe", "serve", "info"})
    void everyCommandHasHelp(String command) {
        CliRun r = CliRun.of(command, "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("usage: layer45 " + command), r.out());
        assertEquals(r.out(), CliRun.of("help", command).out());
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        CliRun bogus = CliRun.of("serve", "--prot", "8443");
        assertEquals(2, bogus.exitCode());
        assertEquals("layer45 serve: unknown option --prot\n(see: layer45 serve --help)\n", bogus.err());
        CliRun missing = CliRun.of("get", "https://localhost/", "-o");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("layer45 get: option -o needs a value"), missing.err());
        CliRun port = CliRun.of("serve", "--port", "70000");
        assertEquals(2, port.exitCode());
        assertTrue(port.err().startsWith("layer45 serve: --port must be a port number 0-65535"), port.err());
        CliRun noHost = CliRun.of("probe");
        assertEquals(2, noHost.exitCode());
        assertTrue(noHost.err().startsWith("layer45 probe: expected HOST[:PORT]"), noHost.err());
    }
}
