package org.layer45.message.extension;

import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * One raw extension as on the wire (RFC 8446 §4.2): {@code ExtensionType extension_type;
 * opaque extension_data<0..2^16-1>}. The data is held as given; typed views decode it on demand
 * ({@code SupportedGroups.decode(ext.data())}).
 *
 * @param type the extension type code point (see {@link ExtensionType}); unknown and GREASE values are kept
 * @param data the extension_data bytes, without the length prefix
 */
public record Extension(int type, byte[] data) {

    /** Reads one extension (type u16, opaque16 data). */
    public static Extension read(TlsReader r) throws org.layer45.error.TlsFailure {
        int type = r.u16("extension type");
        byte[] data = r.opaque16("extension " + ExtensionType.name(type));
        return new Extension(type, data);
    }

    /** Writes the extension with its type and u16 length prefix. */
    public void write(TlsWriter w) {
        w.u16(type).opaque16(data);
    }

    /** Encoded length including the 4-byte type/length header. */
    public int encodedLength() {
        return 4 + data.length;
    }

    @Override
    public String toString() {
        return ExtensionType.name(type) + "[" + data.length + " bytes]";
    }
}
