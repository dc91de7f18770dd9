package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.SignatureScheme;

/**
 * CertificateVerify (RFC 8446 §4.4.3): {@code SignatureScheme algorithm; opaque signature<0..2^16-1>}.
 *
 * @param scheme the signature scheme
 * @param signature the signature bytes
 */
public record CertificateVerify(SignatureScheme scheme, byte[] signature) implements HandshakeMessage {

    /** Reads the body; consumes all of it. */
    public static CertificateVerify read(TlsReader body) throws TlsFailure {
        SignatureScheme scheme = SignatureScheme.of(body.u16("signature scheme"));
        byte[] signature = body.opaque16("signature");
        body.expectEnd("certificate_verify");
        return new CertificateVerify(scheme, signature);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(scheme.code()).opaque16(signature);
    }
}
