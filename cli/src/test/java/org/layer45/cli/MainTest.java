package org.layer45.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void infoSelfChecksEveryGroupAndSuite() {
        assertEquals(0, run("info"), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        // ML-KEM-768 encapsulation key (1184) + X25519 (32); ciphertext (1088) + X25519 (32).
        assertTrue(text.contains("group X25519MLKEM768: ok (client share 1216 B, server share 1120 B, secret 64 B)"),
                text);
        assertTrue(text.contains("suite TLS_CHACHA20_POLY1305_SHA256: ok"), text);
        assertTrue(text.contains("self-check: ok"), text);
    }

    @Test
    void unknownCommandFailsWithUsage() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
    }
}
