package org.layer45.message.extension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The application_layer_protocol_negotiation body (RFC 7301 §3.1):
 * {@code ProtocolName protocol_name_list<2..2^16-1>}, {@code opaque ProtocolName<1..2^8-1>}. Names are
 * arbitrary bytes, kept as ISO-8859-1 strings (one char per byte, as JSSE does). A server's reply
 * carries exactly one name; the handshake checks that.
 *
 * @param protocols the protocol names, in preference order
 */
public record Alpn(List<String> protocols) {

    public Alpn {
        protocols = List.copyOf(protocols);
    }

    /** Decodes the extension data. RFC 7301 §3.1: "Empty strings MUST NOT be included". */
    public static Alpn decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub16("protocol_name_list");
        r.expectEnd("alpn extension");
        if (!list.hasRemaining()) {
            throw TlsFailure.decodeError("empty protocol_name_list");
        }
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] name = list.opaque8("protocol name");
            if (name.length == 0) {
                throw TlsFailure.decodeError("empty protocol name");
            }
            names.add(new String(name, StandardCharsets.ISO_8859_1));
        }
        return new Alpn(names);
    }

    /** The ALPN extension carrying these names. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed16(l -> {
            for (String p : protocols) {
                l.opaque8(p.getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        return new Extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, w.toByteArray());
    }
}
