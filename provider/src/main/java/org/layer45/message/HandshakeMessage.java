package org.layer45.message;

/**
 * A decoded handshake message body (RFC 8446 §4): {@code struct { HandshakeType msg_type; uint24 length;
 * select (msg_type) {...} } Handshake}. Implementations are records with a
 * {@code static X read(TlsReader body)} that consumes exactly the body. Received messages enter the
 * transcript as their received bytes ({@link RawHandshake#encoded()}), never re-encoded.
 */
public interface HandshakeMessage {

    /** The handshake type code ({@link org.layer45.iana.HandshakeType}). */
    int type();

    /** Writes the body, without the 4-byte header. */
    void writeBody(TlsWriter w);

    /** The full message: type (u8), length (u24), body. */
    default byte[] encode() {
        TlsWriter w = new TlsWriter();
        w.u8(type()).lengthPrefixed24(this::writeBody);
        return w.toByteArray();
    }
}
