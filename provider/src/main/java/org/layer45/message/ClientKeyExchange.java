package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * TLS 1.2 ClientKeyExchange for ECDHE (RFC 8422 §5.7): {@code ClientECDiffieHellmanPublic {
 * opaque ecdh_Yc<1..2^8-1>; }}. (RSA key transport is not implemented.)
 *
 * @param point the client's ephemeral public value
 */
public record ClientKeyExchange(byte[] point) implements HandshakeMessage {

    /** Reads the body; consumes all of it. */
    public static ClientKeyExchange read(TlsReader body) throws TlsFailure {
        byte[] point = body.opaque8("ecdh_Yc");
        if (point.length == 0) {
            throw TlsFailure.decodeError("empty ecdh_Yc");
        }
        body.expectEnd("client_key_exchange");
        return new ClientKeyExchange(point);
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(point);
    }
}
