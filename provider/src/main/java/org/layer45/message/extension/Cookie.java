package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The cookie body (RFC 8446 §4.2.2): {@code opaque cookie<1..2^16-1>}, sent in a HelloRetryRequest
 * and echoed in the second ClientHello.
 *
 * @param cookie the cookie bytes, as given
 */
public record Cookie(byte[] cookie) {

    /** Decodes the extension data. */
    public static Cookie decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        byte[] cookie = r.opaque16("cookie");
        r.expectEnd("cookie extension");
        if (cookie.length == 0) {
            throw TlsFailure.decodeError("empty cookie");
        }
        return new Cookie(cookie);
    }

    /** The cookie extension. */
    public Extension toExtension() {
        return new Extension(ExtensionType.COOKIE, new TlsWriter(cookie.length + 2).opaque16(cookie).toByteArray());
    }
}
