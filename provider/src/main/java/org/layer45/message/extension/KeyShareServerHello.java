package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ServerHello key_share body (RFC 8446 §4.2.8): {@code KeyShareEntry server_share}.
 *
 * @param share the server's share
 */
public record KeyShareServerHello(KeyShareEntry share) {

    /** Decodes the extension data. */
    public static KeyShareServerHello decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        KeyShareEntry e = KeyShareEntry.read(r);
        r.expectEnd("key_share extension");
        return new KeyShareServerHello(e);
    }

    /** The key_share extension carrying the share. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        share.write(w);
        return new Extension(ExtensionType.KEY_SHARE, w.toByteArray());
    }
}
