package org.layer45.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.layer45.testcrypto.Rfc8448.*;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;
import org.layer45.testcrypto.TestAead;

/**
 * TLS 1.3 record protection byte-exact against the protected records of RFC 8448 §3 and §4:
 * sealing the trace's plaintext reproduces the trace's records, opening them gives the plaintext.
 */
class RecordProtectionRfc8448Test {
    private static final byte[] CLOSE_NOTIFY = {1, 0};

    private static RecordProtection aes128(byte[] key, byte[] iv) {
        return RecordProtection.tls13(new TestAead(AeadAlgorithm.AES_128_GCM, key), iv);
    }

    private static byte[] seal(RecordProtection p, int type, byte[] content) throws TlsFailure {
        ByteBuffer dst = ByteBuffer.allocate(p.maxRecordSize(content.length, 0));
        ByteBuffer src = ByteBuffer.wrap(content);
        int n = p.seal(type, src, dst, 0);
        assertEquals(dst.capacity(), n);
        assertEquals(0, src.remaining());
        return dst.array();
    }

    private static byte[] open(RecordProtection p, int expectedType, byte[] record) throws TlsFailure {
        ByteBuffer src = ByteBuffer.wrap(record);
        ByteBuffer dst = ByteBuffer.allocate(RecordProtection.maxPlaintextFor(record.length - 5));
        assertEquals(expectedType, p.open(src, dst));
        assertEquals(record.length, src.position());
        return Arrays.copyOf(dst.array(), dst.position());
    }

    @Test
    void serverHandshakeFlight() throws TlsFailure {
        // RFC 8448 §3 {server} send handshake record (EE, Certificate, CertificateVerify, Finished).
        assertArrayEquals(S3_RECORD_SERVER_FLIGHT,
                seal(aes128(S3_S_HS_KEY, S3_S_HS_IV), ContentType.HANDSHAKE, S3_SERVER_FLIGHT));
        assertArrayEquals(S3_SERVER_FLIGHT,
                open(aes128(S3_S_HS_KEY, S3_S_HS_IV), ContentType.HANDSHAKE, S3_RECORD_SERVER_FLIGHT));
    }

    @Test
    void clientFinished() throws TlsFailure {
        // RFC 8448 §3 {client} send handshake record (Finished) under the client handshake key.
        assertArrayEquals(S3_RECORD_CLIENT_FINISHED,
                seal(aes128(S3_C_HS_KEY, S3_C_HS_IV), ContentType.HANDSHAKE, S3_CLIENT_FINISHED));
        assertArrayEquals(S3_CLIENT_FINISHED,
                open(aes128(S3_C_HS_KEY, S3_C_HS_IV), ContentType.HANDSHAKE, S3_RECORD_CLIENT_FINISHED));
    }

    @Test
    void serverApplicationRecordsInSequence() throws TlsFailure {
        // RFC 8448 §3: NewSessionTicket (seq 0), application data (seq 1), close_notify (seq 2).
        RecordProtection out = aes128(S3_S_AP_KEY, S3_S_AP_IV);
        assertArrayEquals(S3_RECORD_TICKET, seal(out, ContentType.HANDSHAKE, S3_NEW_SESSION_TICKET));
        assertArrayEquals(S3_RECORD_SERVER_DATA, seal(out, ContentType.APPLICATION_DATA, S3_APP_DATA));
        assertArrayEquals(S3_RECORD_SERVER_ALERT, seal(out, ContentType.ALERT, CLOSE_NOTIFY));
        assertEquals(3, out.sequenceNumber());

        RecordProtection in = aes128(S3_S_AP_KEY, S3_S_AP_IV);
        assertArrayEquals(S3_NEW_SESSION_TICKET, open(in, ContentType.HANDSHAKE, S3_RECORD_TICKET));
        assertArrayEquals(S3_APP_DATA, open(in, ContentType.APPLICATION_DATA, S3_RECORD_SERVER_DATA));
        assertArrayEquals(CLOSE_NOTIFY, open(in, ContentType.ALERT, S3_RECORD_SERVER_ALERT));
        assertEquals(3, in.sequenceNumber());
    }

    @Test
    void clientApplicationRecordsInSequence() throws TlsFailure {
        // RFC 8448 §3: client application data (seq 0) and close_notify (seq 1).
        RecordProtection out = aes128(S3_C_AP_KEY, S3_C_AP_IV);
        assertArrayEquals(S3_RECORD_CLIENT_DATA, seal(out, ContentType.APPLICATION_DATA, S3_APP_DATA));
        assertArrayEquals(S3_RECORD_CLIENT_ALERT, seal(out, ContentType.ALERT, CLOSE_NOTIFY));
        RecordProtection in = aes128(S3_C_AP_KEY, S3_C_AP_IV);
        assertArrayEquals(S3_APP_DATA, open(in, ContentType.APPLICATION_DATA, S3_RECORD_CLIENT_DATA));
        assertArrayEquals(CLOSE_NOTIFY, open(in, ContentType.ALERT, S3_RECORD_CLIENT_ALERT));
    }

    @Test
    void earlyDataRecord() throws TlsFailure {
        // RFC 8448 §4 {client} send application_data record: "ABCDEF" under the early traffic key.
        byte[] abcdef = "ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertArrayEquals(S4_RECORD_EARLY_DATA, seal(aes128(S4_EARLY_KEY, S4_EARLY_IV), ContentType.APPLICATION_DATA,
                abcdef));
        assertArrayEquals(abcdef, open(aes128(S4_EARLY_KEY, S4_EARLY_IV), ContentType.APPLICATION_DATA,
                S4_RECORD_EARLY_DATA));
    }

    @Test
    void openInPlaceOverTheRecordItself() throws TlsFailure {
        // DESIGN §6: decrypt in place — dst is a second view of the record's own memory.
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer mem = direct ? ByteBuffer.allocateDirect(S3_RECORD_SERVER_FLIGHT.length)
                    : ByteBuffer.allocate(S3_RECORD_SERVER_FLIGHT.length);
            mem.put(S3_RECORD_SERVER_FLIGHT).flip();
            ByteBuffer dst = mem.duplicate();
            dst.position(RecordLimits.HEADER_LENGTH);
            assertEquals(ContentType.HANDSHAKE, aes128(S3_S_HS_KEY, S3_S_HS_IV).open(mem, dst));
            byte[] content = new byte[S3_SERVER_FLIGHT.length];
            dst.flip().position(RecordLimits.HEADER_LENGTH);
            dst.get(content);
            assertArrayEquals(S3_SERVER_FLIGHT, content);
        }
    }

    @Test
    void sealIntoDirectBufferAtAnOffset() throws TlsFailure {
        ByteBuffer dst = ByteBuffer.allocateDirect(1000);
        dst.position(7);
        ByteBuffer src = ByteBuffer.allocateDirect(S3_CLIENT_FINISHED.length);
        src.put(S3_CLIENT_FINISHED).flip();
        int n = aes128(S3_C_HS_KEY, S3_C_HS_IV).seal(ContentType.HANDSHAKE, src, dst, 0);
        byte[] record = new byte[n];
        dst.flip().position(7);
        dst.get(record);
        assertArrayEquals(S3_RECORD_CLIENT_FINISHED, record);
    }
}
