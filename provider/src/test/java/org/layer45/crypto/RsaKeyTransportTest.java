package org.layer45.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;

/**
 * The crypto backend's RSA key transport (RFC 5246 §7.4.7.1): the client's RSAES-PKCS1-v1_5
 * encryption decrypts to the premaster, and the server's implicit rejection returns the decrypted
 * premaster only for a correctly padded 48-byte message beginning with client_version, and the
 * caller's fallback — never an exception — for every other block: each padding defect, each wrong
 * length, a wrong version, and ciphertexts of the wrong size or not below the modulus.
 */
class RsaKeyTransportTest {
    private static final CryptoBackend BACKEND = DefaultCryptoBackend.create();
    private static final int TLS12 = 0x0303;
    private static KeyPair rsa;
    private static int k;

    @BeforeAll
    static void generateKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        k = 256;
    }

    private static byte[] preMaster(int version) {
        byte[] p = new byte[48];
        new Random(version).nextBytes(p);
        p[0] = (byte) (version >>> 8);
        p[1] = (byte) version;
        return p;
    }

    private static byte[] fallback() {
        byte[] f = new byte[48];
        Arrays.fill(f, (byte) 0x5A);
        return f;
    }

    /** A well-formed EME-PKCS1-v1_5 block (RFC 8017 §7.2.1) around {@code m}, with non-zero padding. */
    private static byte[] block(byte[] m) {
        byte[] em = new byte[k];
        em[1] = 2;
        Random r = new Random(m.length);
        for (int i = 2; i < k - m.length - 1; i++) {
            em[i] = (byte) (1 + r.nextInt(255));
        }
        System.arraycopy(m, 0, em, k - m.length, m.length);
        return em;
    }

    /** Raw RSA (RFC 8017 §5.1.1) of an arbitrary block, so that malformed paddings can be sent. */
    private static byte[] raw(byte[] em) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
        return c.doFinal(em);
    }

    private static byte[] pkcs1(byte[] m) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, rsa.getPublic());
        return c.doFinal(m);
    }

    private static byte[] decrypt(byte[] encrypted) throws TlsFailure {
        return BACKEND.rsaPreMasterSecret(rsa.getPrivate(), encrypted, TLS12, fallback());
    }

    @Test
    void clientEncryptionDecryptsToThePremaster() throws Exception {
        byte[] p = preMaster(TLS12);
        byte[] encrypted = BACKEND.rsaEncrypt(rsa.getPublic(), p);
        assertEquals(k, encrypted.length);
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
        assertArrayEquals(p, c.doFinal(encrypted));
        assertArrayEquals(p, decrypt(encrypted));
        // RSAES-PKCS1-v1_5 is randomised: the same premaster never gives the same ciphertext twice.
        assertFalse(Arrays.equals(encrypted, BACKEND.rsaEncrypt(rsa.getPublic(), p)));
    }

    @Test
    void wellFormedBlockIsAccepted() throws Exception {
        byte[] p = preMaster(TLS12);
        assertArrayEquals(p, decrypt(raw(block(p))));
        assertArrayEquals(p, decrypt(pkcs1(p)));
    }

    static Stream<String> defects() {
        return defectiveCiphertexts().keySet().stream();
    }

    /** Each defect → the fallback, exactly, without a TlsFailure or any other exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyDefectGivesTheFallback(String defect) throws Exception {
        assertArrayEquals(fallback(), decrypt(defectiveCiphertexts().get(defect)), defect);
    }

    private static Map<String, byte[]> defectiveCiphertexts() {
        try {
            byte[] p = preMaster(TLS12);
            Map<String, byte[]> out = new LinkedHashMap<>();
            byte[] em = block(p);
            em[0] = 1;
            out.put("first byte not 0x00", raw(em));
            em = block(p);
            em[1] = 1;
            out.put("block type 1 (signature padding)", raw(em));
            for (int at : new int[] {2, 9, 100, k - 50}) {
                em = block(p);
                em[at] = 0;
                out.put("zero padding byte at " + at + " (a longer message)", raw(em));
            }
            em = block(p);
            em[k - 49] = 7;
            out.put("no separator before the 48-byte message", raw(em));
            out.put("47-byte message", pkcs1(Arrays.copyOf(p, 47)));
            out.put("49-byte message", pkcs1(Arrays.copyOf(p, 49)));
            out.put("empty message", pkcs1(new byte[0]));
            out.put("client_version 0x0301", pkcs1(preMaster(0x0301)));
            out.put("client_version 0x0302", pkcs1(preMaster(0x0302)));
            out.put("client_version 0x0304", pkcs1(preMaster(0x0304)));
            byte[] good = pkcs1(p);
            out.put("ciphertext one byte short", Arrays.copyOf(good, k - 1));
            out.put("ciphertext one byte long", Arrays.copyOf(good, k + 1));
            out.put("empty ciphertext", new byte[0]);
            BigInteger n = ((RSAPublicKey) rsa.getPublic()).getModulus();
            out.put("ciphertext equal to the modulus", toBytes(n));
            out.put("ciphertext all 0xFF (above the modulus)", filled(0xFF));
            out.put("ciphertext zero", new byte[k]);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random ciphertexts decrypt to random blocks; none of 64 is a valid 48-byte message. */
    @Test
    void randomCiphertextsGiveTheFallback() throws Exception {
        Random r = new Random(45);
        BigInteger n = ((RSAPublicKey) rsa.getPublic()).getModulus();
        for (int i = 0; i < 64; i++) {
            byte[] c = toBytes(new BigInteger(2048, r).mod(n));
            assertArrayEquals(fallback(), decrypt(c), "ciphertext " + i);
        }
    }

    @Test
    void fallbackIsUsedAsGivenAndTheKeyMustBeRsa() throws Exception {
        byte[] other = new byte[48];
        new Random(9).nextBytes(other);
        assertArrayEquals(other, BACKEND.rsaPreMasterSecret(rsa.getPrivate(), new byte[k], TLS12, other));
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertEquals(AlertDescription.INTERNAL_ERROR, org.junit.jupiter.api.Assertions.assertThrows(TlsFailure.class,
                () -> BACKEND.rsaPreMasterSecret(ec.getPrivate(), new byte[k], TLS12, other)).alert());
        assertEquals(AlertDescription.INTERNAL_ERROR, org.junit.jupiter.api.Assertions.assertThrows(TlsFailure.class,
                () -> BACKEND.rsaEncrypt(ec.getPublic(), other)).alert());
    }

    private static byte[] toBytes(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[k];
        int n = Math.min(b.length, k);
        System.arraycopy(b, b.length - n, out, k - n, n);
        return out;
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[k];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
