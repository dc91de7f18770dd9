package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.Extensions;

/**
 * EncryptedExtensions (RFC 8446 §4.3.1): {@code Extension extensions<0..2^16-1>}.
 *
 * @param extensions the extensions, in wire order
 */
public record EncryptedExtensions(Extensions extensions) implements HandshakeMessage {

    /** Reads the body; consumes all of it. */
    public static EncryptedExtensions read(TlsReader body) throws TlsFailure {
        Extensions extensions = Extensions.read(body);
        body.expectEnd("encrypted_extensions");
        return new EncryptedExtensions(extensions);
    }

    @Override
    public int type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void writeBody(TlsWriter w) {
        extensions.write(w);
    }
}
