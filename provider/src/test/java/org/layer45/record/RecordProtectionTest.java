package org.layer45.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;
import org.layer45.testcrypto.TestAead;

/** Seal/open semantics, RFC 8446 §5.2–§5.5 limits and failures of {@link RecordProtection}. */
class RecordProtectionTest {
    private static final byte[] IV = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    private static TestAead aead(AeadAlgorithm alg) {
        byte[] key = new byte[alg.keyLength()];
        Arrays.fill(key, (byte) 0x42);
        return new TestAead(alg, key);
    }

    private static RecordProtection protection(AeadAlgorithm alg) {
        return RecordProtection.tls13(aead(alg), IV);
    }

    private static byte[] seal(RecordProtection p, int type, byte[] content, int padding) throws TlsFailure {
        ByteBuffer dst = ByteBuffer.allocate(p.maxRecordSize(content.length, padding));
        p.seal(type, ByteBuffer.wrap(content), dst, padding);
        assertEquals(0, dst.remaining());
        return dst.array();
    }

    /** A record whose inner plaintext is exactly {@code inner}, sealed with the raw AEAD at seq 0. */
    private static byte[] rawRecord(AeadAlgorithm alg, byte[] inner) throws TlsFailure {
        int bodyLength = inner.length + AeadAlgorithm.TAG_LENGTH;
        byte[] header = {23, 3, 3, (byte) (bodyLength >>> 8), (byte) bodyLength};
        ByteBuffer out = ByteBuffer.allocate(5 + bodyLength);
        out.put(header);
        aead(alg).seal(IV.clone(), header, ByteBuffer.wrap(inner), out);
        return out.array();
    }

    private static TlsFailure openFails(RecordProtection p, byte[] record) {
        ByteBuffer dst = ByteBuffer.allocate(record.length + 10);
        dst.position(3);
        TlsFailure f = assertThrows(TlsFailure.class, () -> p.open(ByteBuffer.wrap(record), dst));
        assertEquals(3, dst.position(), "dst position restored on failure");
        return f;
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealOpenRoundTripWithPaddingStripped(AeadAlgorithm alg) throws TlsFailure {
        RecordProtection out = protection(alg);
        RecordProtection in = protection(alg);
        for (int padding : new int[] {0, 1, 17, 300}) {
            byte[] content = new byte[100 + padding];
            Arrays.fill(content, (byte) padding);
            content[0] = 0; // content may end or start with zeros; only the padding is stripped
            content[content.length - 1] = 0;
            byte[] record = seal(out, ContentType.APPLICATION_DATA, content, padding);
            assertEquals(5 + content.length + 1 + padding + 16, record.length);
            assertEquals(23, record[0]);
            ByteBuffer dst = ByteBuffer.allocate(RecordProtection.maxPlaintextFor(record.length - 5));
            assertEquals(ContentType.APPLICATION_DATA, in.open(ByteBuffer.wrap(record), dst));
            assertEquals(content.length, dst.position());
            assertArrayEquals(content, Arrays.copyOf(dst.array(), dst.position()));
        }
        assertEquals(4, out.sequenceNumber());
        assertEquals(4, in.sequenceNumber());
        assertEquals(alg, out.algorithm());
    }

    @Test
    void sealTakesAtMostOneRecordOfContent() throws TlsFailure {
        RecordProtection p = protection(AeadAlgorithm.AES_128_GCM);
        ByteBuffer src = ByteBuffer.allocate(RecordLimits.MAX_PLAINTEXT + 500);
        ByteBuffer dst = ByteBuffer.allocate(2 * RecordLimits.MAX_RECORD_13);
        int n = p.seal(ContentType.APPLICATION_DATA, src, dst, 0);
        assertEquals(RecordLimits.MAX_PLAINTEXT, src.position());
        assertEquals(5 + RecordLimits.MAX_PLAINTEXT + 1 + 16, n);
        // Padding counts against the 2^14 + 1 inner plaintext (RFC 8446 §5.4).
        n = p.seal(ContentType.APPLICATION_DATA, src.position(0), dst, 100);
        assertEquals(RecordLimits.MAX_PLAINTEXT - 100, src.position());
        assertEquals(5 + RecordLimits.MAX_PLAINTEXT + 1 + 16, n);
        assertEquals(n, p.maxRecordSize(1 << 20, 100));
    }

    @Test
    void tamperedRecordFailsWithBadRecordMacAndWritesNothing() throws TlsFailure {
        byte[] record = seal(protection(AeadAlgorithm.AES_128_GCM), ContentType.HANDSHAKE, new byte[40], 3);
        // Every byte of the body, and the length-preserving header bytes (the AAD).
        for (int i = 0; i < record.length; i++) {
            if (i == 0 || i == 3 || i == 4) {
                continue; // type and length are checked before the AEAD runs
            }
            byte[] bad = record.clone();
            bad[i] ^= 0x01;
            ByteBuffer dst = ByteBuffer.allocate(record.length);
            Arrays.fill(dst.array(), (byte) 0x55);
            TlsFailure f = assertThrows(TlsFailure.class,
                    () -> protection(AeadAlgorithm.AES_128_GCM).open(ByteBuffer.wrap(bad), dst));
            assertEquals(AlertDescription.BAD_RECORD_MAC, f.alert(), "byte " + i);
            assertEquals(0, dst.position());
            for (byte b : dst.array()) {
                assertEquals((byte) 0x55, b, "no plaintext in dst after a failed tag");
            }
        }
    }

    @Test
    void failedOpenInPlaceLeavesTheCiphertextAlone() throws TlsFailure {
        byte[] record = seal(protection(AeadAlgorithm.CHACHA20_POLY1305), ContentType.APPLICATION_DATA,
                "secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
        record[record.length - 1] ^= 1;
        byte[] before = record.clone();
        ByteBuffer mem = ByteBuffer.wrap(record);
        ByteBuffer dst = mem.duplicate().position(5);
        assertThrows(TlsFailure.class, () -> protection(AeadAlgorithm.CHACHA20_POLY1305).open(mem, dst));
        assertArrayEquals(before, record);
        assertEquals(5, dst.position());
    }

    @Test
    void tooShortCiphertextIsBadRecordMac() {
        byte[] record = {23, 3, 3, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(AlertDescription.BAD_RECORD_MAC, openFails(protection(AeadAlgorithm.AES_128_GCM), record).alert());
    }

    @Test
    void ciphertextLengthOverLimitIsRecordOverflow() {
        // RFC 8446 §5.2: TLSCiphertext.length > 2^14 + 256 → record_overflow.
        int length = RecordLimits.MAX_CIPHERTEXT_13 + 1;
        byte[] record = new byte[5 + length];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        TlsFailure f = openFails(protection(AeadAlgorithm.AES_128_GCM), record);
        assertEquals(AlertDescription.RECORD_OVERFLOW, f.alert());
        assertEquals(Reason.RECORD_TOO_LARGE, f.reason());
    }

    @Test
    void innerPlaintextOverLimitIsRecordOverflow() throws TlsFailure {
        // RFC 8446 §5.4: TLSInnerPlaintext > 2^14 + 1 → record_overflow (even though it authenticates).
        byte[] inner = new byte[RecordLimits.MAX_PLAINTEXT + 2];
        inner[inner.length - 1] = ContentType.APPLICATION_DATA;
        byte[] record = rawRecord(AeadAlgorithm.AES_256_GCM, inner);
        assertEquals(AlertDescription.RECORD_OVERFLOW, openFails(protection(AeadAlgorithm.AES_256_GCM), record).alert());
        // Exactly 2^14 + 1 is fine.
        byte[] max = new byte[RecordLimits.MAX_PLAINTEXT + 1];
        max[max.length - 1] = ContentType.APPLICATION_DATA;
        ByteBuffer dst = ByteBuffer.allocate(max.length + 16);
        assertEquals(ContentType.APPLICATION_DATA, protection(AeadAlgorithm.AES_256_GCM)
                .open(ByteBuffer.wrap(rawRecord(AeadAlgorithm.AES_256_GCM, max)), dst));
        assertEquals(RecordLimits.MAX_PLAINTEXT, dst.position());
    }

    @Test
    void allZeroInnerPlaintextIsUnexpectedMessage() throws TlsFailure {
        // RFC 8446 §5.4: no non-zero octet → unexpected_message.
        TlsFailure f = openFails(protection(AeadAlgorithm.AES_128_GCM), rawRecord(AeadAlgorithm.AES_128_GCM, new byte[9]));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
        assertEquals(Reason.INVALID_PADDING, f.reason());
    }

    @Test
    void zeroLengthHandshakeOrAlertInsideIsUnexpectedMessage() throws TlsFailure {
        // RFC 8446 §5.4: zero-length Handshake/Alert content → unexpected_message.
        for (int type : new int[] {ContentType.HANDSHAKE, ContentType.ALERT}) {
            byte[] record = rawRecord(AeadAlgorithm.AES_128_GCM, new byte[] {(byte) type, 0, 0});
            TlsFailure f = openFails(protection(AeadAlgorithm.AES_128_GCM), record);
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
            assertEquals(Reason.EMPTY_RECORD, f.reason());
        }
        // Zero-length application data is allowed (RFC 8446 §5.4).
        ByteBuffer dst = ByteBuffer.allocate(64);
        assertEquals(ContentType.APPLICATION_DATA, protection(AeadAlgorithm.AES_128_GCM).open(
                ByteBuffer.wrap(rawRecord(AeadAlgorithm.AES_128_GCM, new byte[] {23, 0})), dst));
        assertEquals(0, dst.position());
    }

    @Test
    void protectedChangeCipherSpecOrUnknownTypeIsUnexpectedMessage() throws TlsFailure {
        for (int type : new int[] {ContentType.CHANGE_CIPHER_SPEC, 24, 0x7f}) {
            byte[] record = rawRecord(AeadAlgorithm.AES_128_GCM, new byte[] {1, (byte) type});
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                    openFails(protection(AeadAlgorithm.AES_128_GCM), record).alert());
        }
    }

    @Test
    void protectedRecordMustHaveOuterTypeApplicationData() throws TlsFailure {
        byte[] record = seal(protection(AeadAlgorithm.AES_128_GCM), ContentType.HANDSHAKE, new byte[5], 0);
        record[0] = ContentType.HANDSHAKE;
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, openFails(protection(AeadAlgorithm.AES_128_GCM), record).alert());
    }

    @Test
    void sequenceNumbersIncrementAndOutOfOrderFails() throws TlsFailure {
        RecordProtection out = protection(AeadAlgorithm.AES_128_GCM);
        byte[] r0 = seal(out, ContentType.APPLICATION_DATA, new byte[] {0}, 0);
        byte[] r1 = seal(out, ContentType.APPLICATION_DATA, new byte[] {1}, 0);
        byte[] r2 = seal(out, ContentType.APPLICATION_DATA, new byte[] {2}, 0);
        // RFC 8446 §5.3: each record uses its own nonce, so ciphertexts of equal-length data differ.
        assertFalse(Arrays.equals(Arrays.copyOfRange(r0, 5, r0.length), Arrays.copyOfRange(r1, 5, r1.length)));

        RecordProtection in = protection(AeadAlgorithm.AES_128_GCM);
        ByteBuffer dst = ByteBuffer.allocate(100);
        in.open(ByteBuffer.wrap(r0), dst);
        assertEquals(1, in.sequenceNumber());
        // r2 arrives where r1 is expected: seq 1 nonce does not open it.
        assertEquals(AlertDescription.BAD_RECORD_MAC, openFails(in, r2).alert());
        // A replay of r0 fails too.
        RecordProtection in2 = protection(AeadAlgorithm.AES_128_GCM);
        in2.open(ByteBuffer.wrap(r0), dst.clear());
        assertEquals(AlertDescription.BAD_RECORD_MAC, openFails(in2, r0).alert());
        in2.open(ByteBuffer.wrap(r1), dst.clear());
        in2.open(ByteBuffer.wrap(r2), dst.clear());
        assertEquals(3, in2.sequenceNumber());
        assertEquals(2, dst.get(0));
    }

    @Test
    void needsKeyUpdateAtTheUsageThreshold() throws TlsFailure {
        // RFC 8446 §5.5: the writer must rekey before the AEAD's usage limit.
        RecordProtection p = RecordProtection.tls13(aead(AeadAlgorithm.AES_128_GCM), IV, 3);
        for (int i = 0; i < 3; i++) {
            assertFalse(p.needsKeyUpdate());
            seal(p, ContentType.APPLICATION_DATA, new byte[1], 0);
        }
        assertTrue(p.needsKeyUpdate());
        assertEquals(1L << 24, RecordProtection.DEFAULT_KEY_UPDATE_THRESHOLD);
        assertFalse(protection(AeadAlgorithm.AES_128_GCM).needsKeyUpdate());
    }

    @Test
    void sequenceNumberNeverWraps() throws TlsFailure {
        // RFC 8446 §5.3: "If a sequence number would need to wrap ... terminate the connection."
        Tls13Protection p = (Tls13Protection) protection(AeadAlgorithm.AES_128_GCM);
        p.setSequenceNumber(-2L); // 2^64 - 2
        seal(p, ContentType.APPLICATION_DATA, new byte[1], 0);
        TlsFailure f = assertThrows(TlsFailure.class, () -> seal(p, ContentType.APPLICATION_DATA, new byte[1], 0));
        assertEquals(Reason.KEY_USAGE_LIMIT, f.reason());
        assertTrue(p.needsKeyUpdate());

        Tls13Protection in = (Tls13Protection) protection(AeadAlgorithm.AES_128_GCM);
        in.setSequenceNumber(-1L);
        byte[] record = seal(protection(AeadAlgorithm.AES_128_GCM), ContentType.APPLICATION_DATA, new byte[1], 0);
        assertEquals(Reason.KEY_USAGE_LIMIT, openFails(in, record).reason());
    }

    @Test
    void nonceIsIvXorSequenceNumber() throws TlsFailure {
        // RFC 8446 §5.3: the 64-bit sequence number, left-padded, XORed into the IV.
        Tls13Protection p = (Tls13Protection) protection(AeadAlgorithm.AES_128_GCM);
        long seq = 0x0102030405060708L;
        p.setSequenceNumber(seq);
        byte[] record = seal(p, ContentType.APPLICATION_DATA, new byte[] {9}, 0);
        byte[] nonce = IV.clone();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
        ByteBuffer plain = ByteBuffer.allocate(10);
        aead(AeadAlgorithm.AES_128_GCM).open(nonce, Arrays.copyOf(record, 5),
                ByteBuffer.wrap(record, 5, record.length - 5), plain);
        assertEquals(2, plain.position());
        assertEquals(9, plain.get(0));
        assertEquals(ContentType.APPLICATION_DATA, plain.get(1));
    }

    @Test
    void tooSmallBuffersAreCallerErrors() throws TlsFailure {
        RecordProtection p = protection(AeadAlgorithm.AES_128_GCM);
        assertThrows(IllegalStateException.class,
                () -> p.seal(ContentType.APPLICATION_DATA, ByteBuffer.allocate(10), ByteBuffer.allocate(31), 0));
        assertEquals(0, p.sequenceNumber());
        byte[] record = seal(p, ContentType.APPLICATION_DATA, new byte[10], 0);
        assertThrows(IllegalStateException.class,
                () -> protection(AeadAlgorithm.AES_128_GCM).open(ByteBuffer.wrap(record), ByteBuffer.allocate(26)));
        assertThrows(IllegalStateException.class, () -> protection(AeadAlgorithm.AES_128_GCM)
                .open(ByteBuffer.wrap(record, 0, record.length - 1), ByteBuffer.allocate(100)));
        assertThrows(IllegalArgumentException.class, () -> RecordProtection.tls13(aead(AeadAlgorithm.AES_128_GCM),
                new byte[8]));
    }

    @Test
    void plaintextProtectionCopiesAndChecksLength() throws TlsFailure {
        RecordProtection p = RecordProtection.plaintext();
        byte[] content = {1, 2, 3};
        ByteBuffer rec = ByteBuffer.allocate(p.maxRecordSize(3, 0));
        assertEquals(8, p.seal(ContentType.HANDSHAKE, ByteBuffer.wrap(content), rec, 0));
        assertArrayEquals(new byte[] {22, 3, 3, 0, 3, 1, 2, 3}, rec.array());
        ByteBuffer dst = ByteBuffer.allocate(3);
        assertEquals(ContentType.HANDSHAKE, p.open(rec.flip(), dst));
        assertArrayEquals(content, dst.array());
        assertEquals(8, rec.position());
        assertFalse(p.needsKeyUpdate());

        // RFC 8446 §5.1: TLSPlaintext.length > 2^14 → record_overflow.
        int length = RecordLimits.MAX_PLAINTEXT + 1;
        byte[] big = new byte[5 + length];
        big[0] = 22;
        big[1] = 3;
        big[2] = 3;
        big[3] = (byte) (length >>> 8);
        big[4] = (byte) length;
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> p.open(ByteBuffer.wrap(big), ByteBuffer.allocate(big.length)));
        assertEquals(AlertDescription.RECORD_OVERFLOW, f.alert());
        // RFC 8446 §5.1: zero-length handshake fragment → unexpected_message.
        f = assertThrows(TlsFailure.class,
                () -> p.open(ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 0}), ByteBuffer.allocate(10)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
        assertThrows(IllegalArgumentException.class,
                () -> p.seal(ContentType.HANDSHAKE, ByteBuffer.wrap(content), ByteBuffer.allocate(100), 1));
    }
}
