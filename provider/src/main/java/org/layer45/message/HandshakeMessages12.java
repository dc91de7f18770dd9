package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/** Decodes received TLS 1.2 handshake message bodies into their typed records (RFC 5246 §7.4, RFC 5077 §3.3,
 * RFC 6066 §8). */
public final class HandshakeMessages12 {

    private HandshakeMessages12() {
    }

    /**
     * The typed record for a TLS 1.2 handshake type, or {@link UnknownHandshakeMessage} for any other
     * type. Malformed bodies → TlsFailure (decode_error, or illegal_parameter).
     */
    public static HandshakeMessage decode12(RawHandshake raw) throws TlsFailure {
        TlsReader r = new TlsReader(raw.body());
        return switch (raw.type()) {
            case HandshakeType.HELLO_REQUEST -> HelloRequest.read(r);
            case HandshakeType.CLIENT_HELLO -> ClientHello.read(r);
            case HandshakeType.SERVER_HELLO -> ServerHello.read(r);
            case HandshakeType.NEW_SESSION_TICKET -> NewSessionTicket12.read(r);
            case HandshakeType.CERTIFICATE -> Certificate12.read(r);
            case HandshakeType.CERTIFICATE_STATUS -> CertificateStatus.read(r);
            case HandshakeType.SERVER_KEY_EXCHANGE -> ServerKeyExchange.read(r);
            case HandshakeType.CERTIFICATE_REQUEST -> CertificateRequest12.read(r);
            case HandshakeType.SERVER_HELLO_DONE -> ServerHelloDone.read(r);
            case HandshakeType.CERTIFICATE_VERIFY -> CertificateVerify.read(r);
            case HandshakeType.CLIENT_KEY_EXCHANGE -> ClientKeyExchange.read(r);
            case HandshakeType.FINISHED -> Finished.read(r);
            default -> new UnknownHandshakeMessage(raw.type(), raw.body().clone());
        };
    }
}
