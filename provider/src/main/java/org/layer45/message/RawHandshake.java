package org.layer45.message;

import org.layer45.iana.HandshakeType;

/**
 * One reassembled handshake message (RFC 8446 §4) as received. {@code encoded} is the exact received
 * bytes including the 4-byte header: the transcript hash and PSK binders use them, never a
 * re-encoding (RFC 8446 §4.4.1).
 *
 * @param type the handshake type code
 * @param body the body (encoded minus the header)
 * @param encoded header and body, as received
 */
public record RawHandshake(int type, byte[] body, byte[] encoded) {

    /** Length of the handshake header: type (u8) and length (u24). */
    public static final int HEADER_LENGTH = 4;

    @Override
    public String toString() {
        return "RawHandshake[" + HandshakeType.name(type) + ", " + body.length + " bytes]";
    }
}
