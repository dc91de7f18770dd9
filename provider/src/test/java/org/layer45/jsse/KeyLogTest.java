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
 * nothing is written. {@link KeyLogTsharkTest} has tshark decrypt a real loopback capture.
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

    /**
     * TLS 1.2: one NSS {@code CLIENT_RANDOM <client_random> <master_secret>} line, and that master
     * secret decrypts our first application record (RFC 5246 §5 PRF and §6.3 key block, RFC 5288 §3
     * GCM nonce = salt ‖ explicit nonce, AAD = seq_num ‖ type ‖ version ‖ length).
     */
    @Test
    void tls12ClientRandomLineDecryptsTheTraffic(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys12.log");
        System.setProperty("layer45.keylog", file.toString());
        SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        SSLEngine server = TestPki.sun(TestPki.serverKeys("ec")).createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client, server, false).handshake();

        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), lines.toString());
        String[] f = lines.get(0).split(" ");
        assertEquals("CLIENT_RANDOM", f[0]);
        assertEquals(64, f[1].length());
        assertEquals(96, f[2].length(), "48-byte master secret");
        byte[] clientRandom = HexFormat.of().parseHex(f[1]);
        byte[] master = HexFormat.of().parseHex(f[2]);
        // ServerHello: record header (5), handshake header (4), server_version (2), then random (32).
        byte[] serverRandom = Arrays.copyOfRange(loop.serverFirstFlight, 11, 43);

        ByteBuffer record = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.wrap("attack at dusk".getBytes()), record);
        record.flip();
        byte[] seed = concat(serverRandom, clientRandom);
        byte[] keyBlock = prfSha256(master, "key expansion", seed, 40);
        byte[] key = Arrays.copyOfRange(keyBlock, 0, 16);
        byte[] salt = Arrays.copyOfRange(keyBlock, 32, 36);
        byte[] header = new byte[5];
        record.get(header);
        assertEquals(23, header[0]);
        byte[] explicit = new byte[8];
        record.get(explicit);
        byte[] body = new byte[record.remaining()];
        record.get(body);
        ByteBuffer aad = ByteBuffer.allocate(13).putLong(1) // seq 1: the client's Finished was seq 0
                .put(header, 0, 3).putShort((short) (body.length - 16));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, concat(salt, explicit)));
        gcm.updateAAD(aad.array());
        assertArrayEquals("attack at dusk".getBytes(), gcm.doFinal(body));
    }

    /** RFC 5246 §5: PRF(secret, label, seed) = P_SHA256(secret, label ‖ seed). */
    private static byte[] prfSha256(byte[] secret, String label, byte[] seed, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] labelSeed = concat(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] a = labelSeed;
        while (out.size() < length) {
            a = mac.doFinal(a);
            mac.update(a);
            out.write(mac.doFinal(labelSeed));
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
