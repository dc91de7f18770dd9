package org.layer45.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;

/**
 * TLS 1.2 AEAD records (RFC 5246 §6.2.3.3): round trips with sequence numbers, the AES-GCM explicit
 * nonce layout checked against the JDK's GCM (RFC 5288 §3), the ChaCha20 XOR nonce (RFC 7905 §2),
 * tampering, record_overflow and empty handshake records.
 */
class Tls12ProtectionTest {
    private static final CryptoBackend BACKEND = DefaultCryptoBackend.create();

    private static RecordProtection protection(AeadAlgorithm alg) throws TlsFailure {
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 7);
        byte[] iv = new byte[alg == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4];
        Arrays.fill(iv, (byte) 9);
        return RecordProtection.tls12(BACKEND.aead(alg, key), iv);
    }

    private static ByteBuffer seal(RecordProtection p, int type, byte[] content) throws TlsFailure {
        ByteBuffer dst = ByteBuffer.allocate(p.maxRecordSize(content.length, 0));
        p.seal(type, ByteBuffer.wrap(content), dst, 0);
        return dst.flip();
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void roundTripAndSequence(AeadAlgorithm alg) throws Exception {
        RecordProtection w = protection(alg);
        RecordProtection r = protection(alg);
        for (int i = 0; i < 5; i++) {
            byte[] content = ("record " + i).getBytes();
            ByteBuffer rec = seal(w, ContentType.APPLICATION_DATA, content);
            assertEquals(ContentType.APPLICATION_DATA, rec.get(0)); // the real type stays in the header
            int overhead = alg == AeadAlgorithm.CHACHA20_POLY1305 ? 16 : 24;
            assertEquals(content.length + overhead, rec.getShort(3));
            ByteBuffer out = ByteBuffer.allocate(rec.remaining());
            assertEquals(ContentType.APPLICATION_DATA, r.open(rec, out));
            assertArrayEquals(content, Arrays.copyOf(out.array(), out.position()));
        }
        assertEquals(5, w.sequenceNumber());
        assertEquals(5, r.sequenceNumber());
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = {"AES_128_GCM", "AES_256_GCM"})
    void gcmLayoutMatchesRfc5288(AeadAlgorithm alg) throws Exception {
        RecordProtection w = protection(alg);
        seal(w, ContentType.HANDSHAKE, new byte[3]); // seq 0
        byte[] content = "hello".getBytes();
        ByteBuffer rec = seal(w, ContentType.APPLICATION_DATA, content); // seq 1
        byte[] body = Arrays.copyOfRange(rec.array(), 5, rec.limit());
        byte[] seq = {0, 0, 0, 0, 0, 0, 0, 1};
        assertArrayEquals(seq, Arrays.copyOf(body, 8)); // nonce_explicit = sequence number
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, 0, 4, (byte) 9);
        System.arraycopy(seq, 0, nonce, 4, 8);
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 7);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0, 5}); // seq ‖ type ‖ version ‖ length
        assertArrayEquals(content, gcm.doFinal(body, 8, body.length - 8));
    }

    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class, names = "CHACHA20_POLY1305")
    void chachaNonceMatchesRfc7905(AeadAlgorithm alg) throws Exception {
        RecordProtection w = protection(alg);
        seal(w, ContentType.HANDSHAKE, new byte[3]);
        byte[] content = "hello".getBytes();
        ByteBuffer rec = seal(w, ContentType.APPLICATION_DATA, content);
        byte[] body = Arrays.copyOfRange(rec.array(), 5, rec.limit());
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 9);
        nonce[11] ^= 1; // iv XOR (0^32 ‖ seq=1)
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        chacha.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                new javax.crypto.spec.IvParameterSpec(nonce));
        chacha.updateAAD(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0, 5});
        assertArrayEquals(content, chacha.doFinal(body));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tamperingTypeOrBodyIsBadRecordMac(AeadAlgorithm alg) throws Exception {
        ByteBuffer rec = seal(protection(alg), ContentType.APPLICATION_DATA, "data".getBytes());
        rec.put(0, (byte) ContentType.HANDSHAKE); // the type is authenticated through the AAD
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> protection(alg).open(rec, ByteBuffer.allocate(rec.remaining())));
        assertEquals(AlertDescription.BAD_RECORD_MAC, f.alert());
        ByteBuffer rec2 = seal(protection(alg), ContentType.APPLICATION_DATA, "data".getBytes());
        rec2.put(rec2.limit() - 1, (byte) (rec2.get(rec2.limit() - 1) ^ 1));
        assertEquals(AlertDescription.BAD_RECORD_MAC, assertThrows(TlsFailure.class,
                () -> protection(alg).open(rec2, ByteBuffer.allocate(rec2.remaining()))).alert());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void oversizedRecordIsRecordOverflow(AeadAlgorithm alg) throws Exception {
        int length = RecordLimits.MAX_CIPHERTEXT_12 + 1;
        ByteBuffer rec = ByteBuffer.allocate(5 + length);
        rec.put((byte) 23).put((byte) 3).put((byte) 3).putShort((short) length).position(0);
        assertEquals(AlertDescription.RECORD_OVERFLOW, assertThrows(TlsFailure.class,
                () -> protection(alg).open(rec, ByteBuffer.allocate(length))).alert());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void emptyHandshakeRecordIsUnexpected(AeadAlgorithm alg) throws Exception {
        ByteBuffer rec = seal(protection(alg), ContentType.HANDSHAKE, new byte[0]);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, assertThrows(TlsFailure.class,
                () -> protection(alg).open(rec, ByteBuffer.allocate(rec.remaining()))).alert());
    }
}
