package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, Must show 5 (key-log part): with {@code layer45.keylog} set, a Layer45 client against a
 * SunJSSE server writes the five NSS lines for one client random, and the logged
 * CLIENT_TRAFFIC_SECRET_0 really is the connection's: it decrypts a captured application record
 * with keys derived independently here (RFC 8446 §7.3, javax.crypto only). Without the property,
 * nothing is written. (The tshark decryption of a loopback capture is not implemented yet.)
 */
class KeyLogTest {
    @AfterEach
    void clear() {
        System.clearProperty("layer45.keylog");
    }

    @Test
    void logsSecretsThatDecryptTheTraffic(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        System.setProperty("layer45.keylog", file.toString());
        SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        SSLEngine server = TestPki.sun(TestPki.serverKeys("ec")).createSSLEngine();
        server.setUseClientMode(false);
        new EngineLoop(client, server, false).handshake();

        Map<String, String[]> lines = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split(" ");
            assertEquals(3, f.length, line);
            lines.put(f[0], f);
        }
        assertEquals(List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET").stream().sorted().toList(),
                lines.keySet().stream().sorted().toList());
        assertEquals(1, lines.values().stream().map(f -> f[1]).distinct().count(), "one client random");
        assertEquals(64, lines.get("EXPORTER_SECRET")[1].length());

        ByteBuffer record = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.wrap("attack at dawn".getBytes()), record);
        record.flip();
        byte[] secret = HexFormat.of().parseHex(lines.get("CLIENT_TRAFFIC_SECRET_0")[2]);
        assertArrayEquals("attack at dawn".getBytes(), decryptFirstRecord(secret, record));
    }

    @Test
    void offByDefault(@TempDir Path dir) throws Exception {
        SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestPki.sun(TestPki.serverKeys("ec")).createSSLEngine();
        server.setUseClientMode(false);
        new EngineLoop(client, server, false).handshake();
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
        assertTrue(System.getProperty("layer45.keylog") == null);
    }

    /** RFC 8446 §5.2-§5.3 and §7.3 for TLS_AES_128_GCM_SHA256, sequence number 0. */
    private static byte[] decryptFirstRecord(byte[] secret, ByteBuffer record) throws Exception {
        byte[] key = expandLabel(secret, "key", 16);
        byte[] iv = expandLabel(secret, "iv", 12);
        byte[] header = new byte[5];
        record.get(header);
        byte[] body = new byte[record.remaining()];
        record.get(body);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(header);
        byte[] inner = gcm.doFinal(body);
        int end = inner.length - 1;
        while (inner[end] == 0) {
            end--;
        }
        assertEquals(23, inner[end], "inner content type application_data");
        return Arrays.copyOf(inner, end);
    }

    private static byte[] expandLabel(byte[] secret, String label, int length) throws Exception {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        byte[] full = ("tls13 " + label).getBytes();
        info.write(length >> 8);
        info.write(length);
        info.write(full.length);
        info.write(full);
        info.write(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(info.toByteArray());
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length); // one HKDF-Expand block suffices for <= 32 bytes
    }
}
