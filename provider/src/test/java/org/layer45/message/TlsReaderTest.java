package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;

class TlsReaderTest {
    @Test
    void lengthPrefixedVectorsRoundTrip() throws TlsFailure {
        byte[] encoded = new TlsWriter()
                .lengthPrefixed16(w -> w.u8(7).opaque8(new byte[] {1, 2}))
                .u24(0x010203)
                .toByteArray();
        TlsReader r = new TlsReader(encoded);
        TlsReader inner = r.sub16("outer");
        assertEquals(7, inner.u8("a"));
        assertArrayEquals(new byte[] {1, 2}, inner.opaque8("b"));
        inner.expectEnd("outer");
        assertEquals(0x010203, r.u24("c"));
        r.expectEnd("message");
    }

    @Test
    void overrunningLengthIsDecodeError() {
        TlsReader r = new TlsReader(new byte[] {0, 5, 1, 2});
        TlsFailure f = assertThrows(TlsFailure.class, () -> r.opaque16("thing"));
        assertEquals(AlertDescription.DECODE_ERROR, f.alert());
    }
}
