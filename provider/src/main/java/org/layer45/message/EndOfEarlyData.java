package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/** EndOfEarlyData (RFC 8446 §4.5): {@code struct {} EndOfEarlyData}; a non-empty body → decode_error. */
public record EndOfEarlyData() implements HandshakeMessage {

    /** Reads the (empty) body. */
    public static EndOfEarlyData read(TlsReader body) throws TlsFailure {
        body.expectEnd("end_of_early_data");
        return new EndOfEarlyData();
    }

    @Override
    public int type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void writeBody(TlsWriter w) {
        // RFC 8446 §4.5: the body is empty.
    }
}
