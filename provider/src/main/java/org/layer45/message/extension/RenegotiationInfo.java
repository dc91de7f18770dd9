package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The renegotiation_info body (RFC 5746 §3.2): {@code opaque renegotiated_connection<0..255>}.
 * Empty on an initial handshake; we never renegotiate.
 *
 * @param renegotiatedConnection the verify_data of the previous handshake (empty initially)
 */
public record RenegotiationInfo(byte[] renegotiatedConnection) {

    /** Decodes the extension data. */
    public static RenegotiationInfo decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        byte[] value = r.opaque8("renegotiated_connection");
        r.expectEnd("renegotiation_info extension");
        return new RenegotiationInfo(value);
    }

    /** The renegotiation_info extension. */
    public Extension toExtension() {
        return new Extension(ExtensionType.RENEGOTIATION_INFO,
                new TlsWriter(renegotiatedConnection.length + 1).opaque8(renegotiatedConnection).toByteArray());
    }
}
