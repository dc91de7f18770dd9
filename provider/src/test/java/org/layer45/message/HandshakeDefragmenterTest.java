package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;

/** Reassembly across record boundaries (RFC 8446 §5.1) and the size cap. */
class HandshakeDefragmenterTest {

    private static List<RawHandshake> drain(HandshakeDefragmenter d) throws TlsFailure {
        List<RawHandshake> out = new ArrayList<>();
        for (RawHandshake raw = d.next(); raw != null; raw = d.next()) {
            out.add(raw);
        }
        return out;
    }

    @Test
    void messageSplitAtEveryByteBoundary() throws TlsFailure {
        byte[] encoded = Samples.clientHello(new Random(1)).encode();
        for (int cut = 0; cut <= encoded.length; cut++) {
            HandshakeDefragmenter d = new HandshakeDefragmenter();
            d.add(encoded, 0, cut);
            List<RawHandshake> first = drain(d);
            d.add(encoded, cut, encoded.length - cut);
            List<RawHandshake> all = new ArrayList<>(first);
            all.addAll(drain(d));
            assertEquals(1, all.size(), "cut at " + cut);
            assertArrayEquals(encoded, all.get(0).encoded());
            assertTrue(d.isEmpty());
        }
    }

    @Test
    void messageFedOneByteAtATime() throws TlsFailure {
        byte[] encoded = Samples.certificate(new Random(2)).encode();
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        for (int i = 0; i < encoded.length - 1; i++) {
            d.add(encoded, i, 1);
            assertNull(d.next());
            assertFalse(d.isEmpty());
        }
        d.add(encoded, encoded.length - 1, 1);
        RawHandshake raw = d.next();
        assertArrayEquals(encoded, raw.encoded());
        assertEquals(11, raw.type());
        assertArrayEquals(Samples.body(Samples.certificate(new Random(2))), raw.body());
        assertTrue(d.isEmpty());
    }

    @Test
    void severalMessagesCoalescedInOneAdd() throws TlsFailure {
        Random r = new Random(3);
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            byte[] m = Samples.anyMessage(r).encode();
            messages.add(m);
            all.writeBytes(m);
        }
        byte[] stream = all.toByteArray();
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        d.add(stream, 0, stream.length);
        List<RawHandshake> out = drain(d);
        assertEquals(messages.size(), out.size());
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(messages.get(i), out.get(i).encoded());
        }
        assertTrue(d.isEmpty());
    }

    @Test
    void streamSplitAtEveryBoundaryWithSeveralMessagesPerPiece() throws TlsFailure {
        Random r = new Random(4);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] m = Samples.anyMessage(r).encode();
            messages.add(m);
            all.writeBytes(m);
        }
        byte[] stream = all.toByteArray();
        for (int a = 0; a <= stream.length; a++) {
            for (int b = a; b <= stream.length; b += 7) {
                HandshakeDefragmenter d = new HandshakeDefragmenter();
                List<RawHandshake> out = new ArrayList<>();
                d.add(stream, 0, a);
                out.addAll(drain(d));
                d.add(stream, a, b - a);
                out.addAll(drain(d));
                d.add(stream, b, stream.length - b);
                out.addAll(drain(d));
                assertEquals(messages.size(), out.size());
                for (int i = 0; i < out.size(); i++) {
                    assertArrayEquals(messages.get(i), out.get(i).encoded());
                }
            }
        }
    }

    @Test
    void isEmptyTracksPartialMessages() throws TlsFailure {
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        assertTrue(d.isEmpty());
        byte[] twoAndAHalf = {20, 0, 0, 1, 7, 20, 0, 0, 1, 8, 20, 0};
        d.add(twoAndAHalf, 0, twoAndAHalf.length);
        assertFalse(d.isEmpty());
        assertEquals(2, drain(d).size());
        assertFalse(d.isEmpty(), "a partial header is buffered");
        assertEquals(2, d.buffered());
    }

    @Test
    void oversizeLengthFailsBeforeTheBodyIsBuffered() throws TlsFailure {
        int tooLong = HandshakeDefragmenter.MAX_MESSAGE_LENGTH + 1;
        byte[] header = {11, (byte) (tooLong >>> 16), (byte) (tooLong >>> 8), (byte) tooLong};
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        d.add(header, 0, 3);
        TlsFailure f = assertThrows(TlsFailure.class, () -> d.add(header, 3, 1));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
        assertEquals(Reason.MESSAGE_TOO_LARGE, f.reason());

        // The second message of a record is checked too, before its body arrives.
        byte[] coalesced = {20, 0, 0, 1, 9, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        TlsFailure g = assertThrows(TlsFailure.class, () -> new HandshakeDefragmenter().add(coalesced, 0, 9));
        assertEquals(Reason.MESSAGE_TOO_LARGE, g.reason());
    }

    @Test
    void maximumLengthIsAccepted() throws TlsFailure {
        int max = HandshakeDefragmenter.MAX_MESSAGE_LENGTH;
        byte[] m = new byte[4 + max];
        m[0] = 11;
        m[1] = (byte) (max >>> 16);
        m[2] = (byte) (max >>> 8);
        m[3] = (byte) max;
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        for (int at = 0; at < m.length; at += 16384) {
            d.add(m, at, Math.min(16384, m.length - at));
        }
        RawHandshake raw = d.next();
        assertEquals(max, raw.body().length);
        assertTrue(d.isEmpty());
    }

    @Test
    void receivedBytesAreKeptVerbatim() throws TlsFailure {
        // A ServerHello whose extensions a re-encoding could not reproduce (none: absent block) keeps its bytes.
        byte[] body = Samples.body(Samples.serverHello(new Random(5)));
        byte[] noExt = java.util.Arrays.copyOf(body, 2 + 32 + 1 + (body[34] & 0xFF) + 3);
        byte[] encoded = new byte[4 + noExt.length];
        encoded[0] = 2;
        encoded[3] = (byte) noExt.length;
        System.arraycopy(noExt, 0, encoded, 4, noExt.length);
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        d.add(encoded, 0, encoded.length);
        RawHandshake raw = d.next();
        assertArrayEquals(encoded, raw.encoded());
        assertEquals(encoded.length + 2, HandshakeMessages.decode13(raw).encode().length);
    }
}
