package org.layer45.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Bulk test data for the 64 MiB transfers: a file of seeded pseudo-random bytes (or base64 text
 * lines, for a peer that echoes only text) and its SHA-256, and a hasher for what comes back.
 */
final class BulkData {
    static final int SIZE = 64 << 20;

    final Path file;
    final String sha256;
    final long size;

    private BulkData(Path file, String sha256, long size) {
        this.file = file;
        this.sha256 = sha256;
        this.size = size;
    }

    /** {@code size} bytes; binary, or base64 text in 76-character lines when {@code text}. */
    static BulkData create(Path file, int size, long seed, boolean text) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest md = sha256();
        byte[] chunk = new byte[1 << 16];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < size) {
                int n = (int) Math.min(chunk.length, size - written);
                if (text) {
                    fillText(random, chunk, n);
                } else {
                    random.nextBytes(chunk);
                }
                out.write(chunk, 0, n);
                md.update(chunk, 0, n);
                written += n;
            }
        }
        return new BulkData(file, HexFormat.of().formatHex(md.digest()), size);
    }

    private static void fillText(SplittableRandom random, byte[] chunk, int n) {
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes();
        for (int i = 0; i < n; i++) {
            chunk[i] = i % 77 == 76 ? (byte) '\n' : alphabet[random.nextInt(64)];
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Reads exactly {@code size} bytes of {@code in} (no further) and returns their SHA-256 (hex);
     * an end of stream before that is an IOException.
     */
    static String sha256Of(InputStream in, long size) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("end of stream with " + left + " of " + size + " bytes still to come");
            }
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code file} has grown to {@code size} bytes (a peer writing what it received). */
    static void awaitSize(Path file, long size, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (Files.size(file) < size && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (Files.size(file) != size) {
            throw new AssertionError(file + " has " + Files.size(file) + " bytes, expected " + size);
        }
    }
}
