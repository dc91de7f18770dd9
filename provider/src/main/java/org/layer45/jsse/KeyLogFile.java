package org.layer45.jsse;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

import org.layer45.connection.KeyLog;

/**
 * Appends NSS key log lines ("LABEL client_random secret", hex; draft-ietf-tls-keylogfile) to the
 * file named by the {@code layer45.keylog} system property, else the {@code SSLKEYLOGFILE}
 * environment variable, so Wireshark / tshark can decrypt captured traffic. Off when neither is
 * set. Lines from concurrent connections never interleave (one lock, one write per line).
 */
final class KeyLogFile implements KeyLog {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final HexFormat HEX = HexFormat.of();

    private final Path path;

    private KeyLogFile(Path path) {
        this.path = path;
    }

    /** The configured key log, or null. Read per handshake, so tests and tools may switch it. */
    static KeyLog fromEnvironment() {
        String file = System.getProperty("layer45.keylog");
        if (file == null || file.isEmpty()) {
            file = System.getenv("SSLKEYLOGFILE");
        }
        return file == null || file.isEmpty() ? null : new KeyLogFile(Path.of(file));
    }

    @Override
    public void log(String label, byte[] clientRandom, byte[] secret) {
        String line = label + " " + HEX.formatHex(clientRandom) + " " + HEX.formatHex(secret) + "\n";
        LOCK.lock();
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            w.write(line);
        } catch (IOException e) {
            // A debugging aid must not break the connection: report once per failure and go on.
            System.getLogger(KeyLogFile.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write key log " + path, e);
        } finally {
            LOCK.unlock();
        }
    }
}
