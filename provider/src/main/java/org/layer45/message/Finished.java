package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * Finished (RFC 8446 §4.4.4): {@code opaque verify_data[Hash.length]}. The body is all of verify_data;
 * its length is checked against the suite's hash by the handshake (which compares in constant time).
 * An empty body → decode_error.
 *
 * @param verifyData the verify_data
 */
public record Finished(byte[] verifyData) implements HandshakeMessage {

    /** Reads the rest of the reader as verify_data. */
    public static Finished read(TlsReader body) throws TlsFailure {
        if (!body.hasRemaining()) {
            throw TlsFailure.decodeError("empty finished");
        }
        byte[] verifyData = body.bytes(body.remaining(), "verify_data");
        body.expectEnd("finished");
        return new Finished(verifyData);
    }

    @Override
    public int type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(verifyData);
    }
}
