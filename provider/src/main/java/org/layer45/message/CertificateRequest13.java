package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.Extensions;

/**
 * TLS 1.3 CertificateRequest (RFC 8446 §4.3.2): {@code opaque certificate_request_context<0..2^8-1>;
 * Extension extensions<2..2^16-1>}. An empty extensions block → decode_error; the required
 * signature_algorithms extension is checked by the handshake (missing_extension).
 *
 * @param certificateRequestContext the context (empty during the handshake)
 * @param extensions the extensions, in wire order
 */
public record CertificateRequest13(byte[] certificateRequestContext, Extensions extensions)
        implements HandshakeMessage {

    /** Reads the body; consumes all of it. */
    public static CertificateRequest13 read(TlsReader body) throws TlsFailure {
        byte[] context = body.opaque8("certificate_request_context");
        Extensions extensions = Extensions.read(body);
        body.expectEnd("certificate_request");
        if (extensions.isEmpty()) {
            throw TlsFailure.decodeError("certificate_request without extensions");
        }
        return new CertificateRequest13(context, extensions);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(certificateRequestContext);
        extensions.write(w);
    }
}
