package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ClientHello supported_versions body (RFC 8446 §4.2.1): {@code ProtocolVersion versions<2..254>},
 * in the client's preference order. Unknown and GREASE versions are kept.
 *
 * @param versions the offered versions, most preferred first
 */
public record SupportedVersionsClient(List<ProtocolVersion> versions) {

    public SupportedVersionsClient {
        versions = List.copyOf(versions);
    }

    /** Decodes the extension data. */
    public static SupportedVersionsClient decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub8("supported_versions");
        r.expectEnd("supported_versions extension");
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw TlsFailure.decodeError("bad supported_versions length " + list.remaining());
        }
        List<ProtocolVersion> versions = new ArrayList<>();
        while (list.hasRemaining()) {
            versions.add(ProtocolVersion.of(list.u16("version")));
        }
        return new SupportedVersionsClient(versions);
    }

    /** The supported_versions extension carrying this list. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed8(l -> {
            for (ProtocolVersion v : versions) {
                l.u16(v.code());
            }
        });
        return new Extension(ExtensionType.SUPPORTED_VERSIONS, w.toByteArray());
    }
}
