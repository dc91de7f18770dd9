package org.layer45.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;

/** AEAD known answers (RFC 8439 §2.8.2, GCM spec test case 4), tamper detection, in-place use. */
class AeadTest {
    private static final HexFormat HEX = HexFormat.of();
    private final CryptoBackend backend = DefaultCryptoBackend.create();

    @Test
    void chacha20Poly1305Rfc8439() throws TlsFailure {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String expected = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3f"
                + "f4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691";
        knownAnswer(AeadAlgorithm.CHACHA20_POLY1305, key, nonce, aad, pt, expected);
    }

    @Test
    void aes128GcmTestCase4() throws TlsFailure {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 4.
        byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308");
        byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
        byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] pt = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
                + "49a6b525b16aedf5aa0de657ba637b39");
        String expected = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
                + "1ba30b396a0aac973d58e091" + "5bc94fbc3221a5db94fae95ae7121a47";
        knownAnswer(AeadAlgorithm.AES_128_GCM, key, nonce, aad, pt, expected);
    }

    private void knownAnswer(AeadAlgorithm alg, byte[] key, byte[] nonce, byte[] aad, byte[] pt, String expected)
            throws TlsFailure {
        Aead a = backend.aead(alg, key);
        ByteBuffer ct = ByteBuffer.allocate(pt.length + 16);
        assertEquals(pt.length + 16, a.seal(nonce, aad, ByteBuffer.wrap(pt), ct));
        assertEquals(expected, HEX.formatHex(ct.array()));
        ct.flip();
        ByteBuffer out = ByteBuffer.allocate(pt.length);
        assertEquals(pt.length, backend.aead(alg, key).open(nonce, aad, ct, out));
        assertArrayEquals(pt, out.array());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tamperedRecordFailsAndWritesNothing(AeadAlgorithm alg) throws TlsFailure {
        byte[] key = new byte[alg.keyLength()];
        byte[] nonce = new byte[12];
        byte[] aad = {23, 3, 3, 0, 40};
        Aead sealer = backend.aead(alg, key);
        Aead opener = backend.aead(alg, key);
        byte[] pt = new byte[24];
        Arrays.fill(pt, (byte) 7);
        for (int flip : new int[] {0, 23, 24, 39}) {
            ByteBuffer ct = ByteBuffer.allocate(40);
            sealer.seal(nonce, aad, ByteBuffer.wrap(pt), ct);
            nonce[11]++;
            ct.flip();
            byte[] tampered = ct.array().clone();
            tampered[flip] ^= 1;
            byte[] dst = new byte[40];
            Arrays.fill(dst, (byte) 0x55);
            ByteBuffer src = ByteBuffer.wrap(tampered);
            ByteBuffer out = ByteBuffer.wrap(dst);
            byte[] n = nonce.clone();
            n[11]--;
            TlsFailure f = assertThrows(TlsFailure.class, () -> opener.open(n, aad, src, out));
            assertEquals(AlertDescription.BAD_RECORD_MAC, f.alert());
            assertEquals(Reason.BAD_RECORD_MAC, f.reason());
            assertEquals("record authentication failed", f.detail());
            assertEquals(0, out.position());
            assertEquals(0, src.position());
            // JDK 17 leaves dst untouched; JDK 25's AES-GCM decrypts into dst and zeroes it again
            // when the tag fails. Either way no plaintext byte (0x07, or 0x06 at the flip) is visible.
            for (byte b : dst) {
                assertTrue(b == (byte) 0x55 || b == 0, "plaintext visible after a failed tag: " + Arrays.toString(dst));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void shortCiphertextIsBadRecordMac(AeadAlgorithm alg) throws TlsFailure {
        Aead a = backend.aead(alg, new byte[alg.keyLength()]);
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> a.open(new byte[12], new byte[5], ByteBuffer.allocate(15), ByteBuffer.allocate(16)));
        assertEquals(AlertDescription.BAD_RECORD_MAC, f.alert());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealsAndOpensInPlaceHeapAndDirect(AeadAlgorithm alg) throws TlsFailure {
        byte[] key = new byte[alg.keyLength()];
        key[0] = 1;
        Aead sealer = backend.aead(alg, key);
        Aead opener = backend.aead(alg, key);
        byte[] aad = {23, 3, 3, 0x40, 16};
        for (boolean direct : new boolean[] {false, true}) {
            for (int seq = 0; seq < 3; seq++) {
                byte[] nonce = new byte[12];
                nonce[11] = (byte) (seq + (direct ? 10 : 0));
                ByteBuffer buf = direct ? ByteBuffer.allocateDirect(1000) : ByteBuffer.allocate(1000);
                byte[] pt = new byte[1000 - 16 - 5];
                Arrays.fill(pt, (byte) seq);
                buf.position(5);
                buf.put(pt);
                // seal in place: plaintext and ciphertext views of the same memory
                ByteBuffer src = buf.duplicate().position(5).limit(5 + pt.length);
                ByteBuffer dst = buf.duplicate().position(5).limit(1000);
                assertEquals(pt.length + 16, sealer.seal(nonce, aad, src, dst));
                ByteBuffer csrc = buf.duplicate().position(5).limit(1000);
                ByteBuffer pdst = buf.duplicate().position(5).limit(1000);
                assertEquals(pt.length, opener.open(nonce, aad, csrc, pdst));
                assertEquals(1000, csrc.position());
                byte[] back = new byte[pt.length];
                buf.duplicate().position(5).get(back);
                assertArrayEquals(pt, back);
            }
        }
    }

    /**
     * releaseState() drops what the next record rebuilds (DESIGN.md §6): records sealed and opened
     * across releases are the same as with an instance that never released.
     */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void recordsAcrossReleaseStateAreUnchanged(AeadAlgorithm alg) throws TlsFailure {
        byte[] key = new byte[alg.keyLength()];
        key[3] = 7;
        Aead steady = backend.aead(alg, key);
        Aead released = backend.aead(alg, key);
        Aead opener = backend.aead(alg, key);
        byte[] aad = {23, 3, 3, 0, 21};
        byte[] pt = "idle connections stay".getBytes();
        released.releaseState(); // before any record: nothing to drop
        for (int seq = 0; seq < 3; seq++) {
            byte[] nonce = new byte[12];
            nonce[11] = (byte) seq;
            ByteBuffer a = ByteBuffer.allocate(pt.length + 16);
            ByteBuffer b = ByteBuffer.allocate(pt.length + 16);
            steady.seal(nonce, aad, ByteBuffer.wrap(pt), a);
            released.seal(nonce, aad, ByteBuffer.wrap(pt), b);
            released.releaseState();
            assertArrayEquals(a.array(), b.array());
            ByteBuffer out = ByteBuffer.allocate(pt.length + 16);
            assertEquals(pt.length, opener.open(nonce, aad, a.flip(), out));
            opener.releaseState();
            assertArrayEquals(pt, Arrays.copyOf(out.array(), pt.length));
        }
    }
}
