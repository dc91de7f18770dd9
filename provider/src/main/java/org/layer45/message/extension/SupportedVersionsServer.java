package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ServerHello / HelloRetryRequest supported_versions body (RFC 8446 §4.2.1):
 * {@code ProtocolVersion selected_version}.
 *
 * @param selected the version the server selected
 */
public record SupportedVersionsServer(ProtocolVersion selected) {

    /** Decodes the extension data. */
    public static SupportedVersionsServer decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        int v = r.u16("selected_version");
        r.expectEnd("supported_versions extension");
        return new SupportedVersionsServer(ProtocolVersion.of(v));
    }

    /** The supported_versions extension carrying the selection. */
    public Extension toExtension() {
        return new Extension(ExtensionType.SUPPORTED_VERSIONS, new TlsWriter(2).u16(selected.code()).toByteArray());
    }
}
