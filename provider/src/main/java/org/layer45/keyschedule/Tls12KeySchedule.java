package org.layer45.keyschedule;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.layer45.crypto.Hkdf;

/**
 * The TLS 1.2 key derivation (RFC 5246 §5, §6.3, §7.4.9, §8.1 and RFC 7627 §4): the PRF
 * P_hash over HMAC with the suite's hash, the extended master secret, the key block and the
 * Finished verify_data. Stateless; the master secret is handed around as bytes by the 1.2 states.
 */
public final class Tls12KeySchedule {
    /** RFC 5246 §8.1: the master secret is always 48 bytes. */
    public static final int MASTER_SECRET_LENGTH = 48;
    /** RFC 5246 §7.4.9: verify_data_length is 12 for all our suites. */
    public static final int VERIFY_DATA_LENGTH = 12;

    private Tls12KeySchedule() {
    }

    /**
     * RFC 5246 §5: PRF(secret, label, seed) = P_hash(secret, label + seed), where
     * P_hash = HMAC(secret, A(1) + seed') + HMAC(secret, A(2) + seed') + ..., A(0) = seed', A(i) = HMAC(secret, A(i-1)).
     */
    public static byte[] prf(Hkdf hkdf, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + hkdf.hashLength());
        byte[] a = labelSeed;
        while (out.size() < length) {
            a = hkdf.hmac(secret, a);
            byte[] block = hkdf.hmac(secret, concat(a, labelSeed));
            out.write(block, 0, block.length);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    /**
     * RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47],
     * session_hash = Hash(handshake messages up to and including ClientKeyExchange).
     */
    public static byte[] extendedMasterSecret(Hkdf hkdf, byte[] preMasterSecret, byte[] sessionHash) {
        return prf(hkdf, preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /**
     * RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random),
     * split for an AEAD suite (no MAC keys) into client_write_key, server_write_key, client_write_IV,
     * server_write_IV.
     *
     * @param ivLength 4 for AES-GCM (the salt, RFC 5288 §3), 12 for ChaCha20-Poly1305 (RFC 7905 §2)
     */
    public static KeyBlock keyBlock(Hkdf hkdf, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom,
            int keyLength, int ivLength) {
        byte[] block = prf(hkdf, masterSecret, "key expansion", concat(serverRandom, clientRandom),
                2 * keyLength + 2 * ivLength);
        int p = 0;
        byte[] clientKey = Arrays.copyOfRange(block, p, p += keyLength);
        byte[] serverKey = Arrays.copyOfRange(block, p, p += keyLength);
        byte[] clientIv = Arrays.copyOfRange(block, p, p += ivLength);
        byte[] serverIv = Arrays.copyOfRange(block, p, p + ivLength);
        return new KeyBlock(clientKey, clientIv, serverKey, serverIv);
    }

    /**
     * RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11].
     *
     * @param client whether this is the client's Finished ("client finished") or the server's
     */
    public static byte[] verifyData(Hkdf hkdf, byte[] masterSecret, boolean client, byte[] transcriptHash) {
        return prf(hkdf, masterSecret, client ? "client finished" : "server finished", transcriptHash,
                VERIFY_DATA_LENGTH);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The AEAD part of a TLS 1.2 key block (RFC 5246 §6.3).
     *
     * @param clientKey client_write_key
     * @param clientIv  client_write_IV (salt or full nonce base)
     * @param serverKey server_write_key
     * @param serverIv  server_write_IV
     */
    public record KeyBlock(byte[] clientKey, byte[] clientIv, byte[] serverKey, byte[] serverIv) {
    }
}
