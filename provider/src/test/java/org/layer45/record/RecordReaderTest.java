package org.layer45.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layer45.testcrypto.Rfc8448.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;
import org.layer45.testcrypto.Hex;
import org.layer45.testcrypto.TestAead;

/** Record framing (RFC 8446 §5.1, §5.2): partial input, header validation, never consuming. */
class RecordReaderTest {
    /** The server → client byte stream of RFC 8448 §3 after the ServerHello: four protected records. */
    private static final List<byte[]> SERVER_RECORDS = List.of(S3_RECORD_SERVER_FLIGHT, S3_RECORD_TICKET,
            S3_RECORD_SERVER_DATA, S3_RECORD_SERVER_ALERT);

    private static byte[] header(int type, int major, int length) {
        return new byte[] {(byte) type, (byte) major, 3, (byte) (length >>> 8), (byte) length};
    }

    /** Takes every complete record out of {@code in} (which is in read mode). */
    private static void drain(ByteBuffer in, List<byte[]> out) throws TlsFailure {
        int n;
        while ((n = RecordReader.recordLength(in)) > 0) {
            byte[] record = new byte[n];
            in.get(record);
            out.add(record);
        }
    }

    @Test
    void streamSplitAtEveryByteBoundary() throws TlsFailure {
        byte[] stream = Hex.concat(SERVER_RECORDS.toArray(new byte[0][]));
        for (int split = 0; split <= stream.length; split++) {
            ByteBuffer in = ByteBuffer.allocate(stream.length);
            List<byte[]> records = new ArrayList<>();
            in.put(stream, 0, split).flip();
            drain(in, records);
            in.compact().put(stream, split, stream.length - split).flip();
            drain(in, records);
            assertEquals(0, in.remaining(), "split " + split);
            assertEquals(SERVER_RECORDS.size(), records.size(), "split " + split);
            for (int i = 0; i < records.size(); i++) {
                assertArrayEquals(SERVER_RECORDS.get(i), records.get(i));
            }
        }
    }

    @Test
    void byteAtATimeThenDecryptInOrder() throws TlsFailure {
        // Feeding one byte at a time: -1 until a record is complete, then its exact length.
        byte[] stream = Hex.concat(S3_RECORD_TICKET, S3_RECORD_SERVER_DATA, S3_RECORD_SERVER_ALERT);
        ByteBuffer in = ByteBuffer.allocate(stream.length);
        List<byte[]> records = new ArrayList<>();
        for (byte b : stream) {
            in.put(b).flip();
            int expectedComplete = in.remaining();
            int n = RecordReader.recordLength(in);
            assertTrue(n == -1 || n == expectedComplete);
            assertEquals(0, in.position(), "recordLength never consumes");
            drain(in, records);
            in.compact();
        }
        assertEquals(3, records.size());
        RecordProtection p = RecordProtection.tls13(new TestAead(AeadAlgorithm.AES_128_GCM, S3_S_AP_KEY), S3_S_AP_IV);
        int[] types = {ContentType.HANDSHAKE, ContentType.APPLICATION_DATA, ContentType.ALERT};
        for (int i = 0; i < 3; i++) {
            ByteBuffer dst = ByteBuffer.allocate(RecordProtection.maxPlaintextFor(records.get(i).length - 5));
            assertEquals(types[i], p.open(ByteBuffer.wrap(records.get(i)), dst));
        }
    }

    @Test
    void everyPrefixOfOneRecordIsIncomplete() throws TlsFailure {
        byte[] record = S3_RECORD_CLIENT_FINISHED;
        for (int p = 0; p < record.length; p++) {
            assertEquals(-1, RecordReader.recordLength(ByteBuffer.wrap(record, 0, p)));
        }
        assertEquals(record.length, RecordReader.recordLength(ByteBuffer.wrap(record)));
        // At a non-zero position, with trailing bytes of the next record.
        ByteBuffer in = ByteBuffer.wrap(Hex.concat(new byte[3], record, new byte[] {23, 3}));
        in.position(3);
        assertEquals(record.length, RecordReader.recordLength(in));
        assertEquals(3, in.position());
    }

    @Test
    void unknownContentTypeFailsOnTheFirstByte() {
        for (int type : new int[] {0, 19, 24, 0x80, 0xff}) {
            TlsFailure f = assertThrows(TlsFailure.class,
                    () -> RecordReader.recordLength(ByteBuffer.wrap(new byte[] {(byte) type})));
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
            assertEquals(Reason.UNKNOWN_CONTENT_TYPE, f.reason());
        }
    }

    @Test
    void nonTlsVersionIsDecodeError() {
        // e.g. an HTTP request: "GET" fails as a content type; a 0x16 0x47 start fails on the version.
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> RecordReader.recordLength(ByteBuffer.wrap(new byte[] {22, 0x47})));
        assertEquals(AlertDescription.DECODE_ERROR, f.alert());
        assertThrows(TlsFailure.class, () -> RecordReader.recordLength(ByteBuffer.wrap("GET /".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void oversizeLengthIsRecordOverflow() throws TlsFailure {
        // RFC 8446 §5.2: length > 2^14 + 256 → record_overflow, as soon as the header is in.
        TlsFailure f = assertThrows(TlsFailure.class, () -> RecordReader.recordLength(
                ByteBuffer.wrap(header(23, 3, RecordLimits.MAX_CIPHERTEXT_13 + 1))));
        assertEquals(AlertDescription.RECORD_OVERFLOW, f.alert());
        assertEquals(Reason.RECORD_TOO_LARGE, f.reason());
        assertEquals(-1, RecordReader.recordLength(ByteBuffer.wrap(header(23, 3, RecordLimits.MAX_CIPHERTEXT_13))));
        assertThrows(TlsFailure.class, () -> RecordReader.recordLength(ByteBuffer.wrap(header(23, 3, 0xffff))));
        // The TLS 1.2 limit (RFC 5246 §6.2.3) is 2^14 + 2048.
        assertEquals(-1, RecordReader.recordLength(ByteBuffer.wrap(header(23, 3, RecordLimits.MAX_CIPHERTEXT_12)),
                RecordLimits.MAX_CIPHERTEXT_12));
    }

    @Test
    void zeroLengthHandshakeOrAlertRecordIsUnexpectedMessage() throws TlsFailure {
        // RFC 8446 §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types".
        for (int type : new int[] {ContentType.HANDSHAKE, ContentType.ALERT}) {
            TlsFailure f = assertThrows(TlsFailure.class,
                    () -> RecordReader.recordLength(ByteBuffer.wrap(header(type, 3, 0))));
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
            assertEquals(Reason.EMPTY_RECORD, f.reason());
        }
        assertEquals(5, RecordReader.recordLength(ByteBuffer.wrap(header(23, 3, 0))));
    }

    @Test
    void legacyRecordVersionMinorIsIgnored() throws TlsFailure {
        // RFC 8446 §5.1: legacy_record_version "MUST be ignored for all purposes" (0x0301 ClientHello).
        byte[] ch = Hex.concat(new byte[] {22, 3, 1, 0, (byte) S3_CLIENT_HELLO.length}, S3_CLIENT_HELLO);
        assertEquals(ch.length, RecordReader.recordLength(ByteBuffer.wrap(ch)));
    }

    @Test
    void compatibilityChangeCipherSpec() {
        assertTrue(RecordReader.isCompatibilityCcs(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1})));
        assertFalse(RecordReader.isCompatibilityCcs(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 2})));
        assertFalse(RecordReader.isCompatibilityCcs(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 2, 1, 1})));
        assertFalse(RecordReader.isCompatibilityCcs(ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 1, 1})));
        assertFalse(RecordReader.isCompatibilityCcs(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1})));
        assertEquals(Arrays.asList(20, 1), Arrays.asList(
                RecordReader.contentType(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1})),
                RecordReader.bodyLength(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1}))));
    }
}
