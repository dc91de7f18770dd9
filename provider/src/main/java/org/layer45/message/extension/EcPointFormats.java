package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ec_point_formats body (RFC 8422 §5.1.2): {@code ECPointFormat ec_point_format_list<1..2^8-1>}.
 * TLS 1.2 only; we offer only uncompressed (0).
 *
 * @param formats the point format codes
 */
public record EcPointFormats(List<Integer> formats) {
    /** The uncompressed point format (RFC 8422 §5.1.2). */
    public static final int UNCOMPRESSED = 0;

    public EcPointFormats {
        formats = List.copyOf(formats);
    }

    /** Decodes the extension data. */
    public static EcPointFormats decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub8("ec_point_format_list");
        r.expectEnd("ec_point_formats extension");
        if (!list.hasRemaining()) {
            throw TlsFailure.decodeError("empty ec_point_format_list");
        }
        List<Integer> formats = new ArrayList<>();
        while (list.hasRemaining()) {
            formats.add(list.u8("ec point format"));
        }
        return new EcPointFormats(formats);
    }

    /** The ec_point_formats extension. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed8(l -> {
            for (int f : formats) {
                l.u8(f);
            }
        });
        return new Extension(ExtensionType.EC_POINT_FORMATS, w.toByteArray());
    }
}
