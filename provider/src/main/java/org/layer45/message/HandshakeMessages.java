package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/** Decodes received TLS 1.3 handshake message bodies into their typed records (RFC 8446 §4, B.3). */
public final class HandshakeMessages {

    private HandshakeMessages() {
    }

    /**
     * The typed record for a TLS 1.3 handshake type, or {@link UnknownHandshakeMessage} for any other
     * type. Malformed bodies → TlsFailure (decode_error, or illegal_parameter where RFC 8446 says so).
     */
    public static HandshakeMessage decode13(int type, byte[] body) throws TlsFailure {
        TlsReader r = new TlsReader(body);
        return switch (type) {
            case HandshakeType.CLIENT_HELLO -> ClientHello.read(r);
            case HandshakeType.SERVER_HELLO -> ServerHello.read(r);
            case HandshakeType.NEW_SESSION_TICKET -> NewSessionTicket13.read(r);
            case HandshakeType.END_OF_EARLY_DATA -> EndOfEarlyData.read(r);
            case HandshakeType.ENCRYPTED_EXTENSIONS -> EncryptedExtensions.read(r);
            case HandshakeType.CERTIFICATE -> Certificate13.read(r);
            case HandshakeType.CERTIFICATE_REQUEST -> CertificateRequest13.read(r);
            case HandshakeType.CERTIFICATE_VERIFY -> CertificateVerify.read(r);
            case HandshakeType.FINISHED -> Finished.read(r);
            case HandshakeType.KEY_UPDATE -> KeyUpdate.read(r);
            default -> new UnknownHandshakeMessage(type, body.clone());
        };
    }

    /** Decodes a reassembled message (RFC 8446 §4). */
    public static HandshakeMessage decode13(RawHandshake raw) throws TlsFailure {
        return decode13(raw.type(), raw.body());
    }
}
