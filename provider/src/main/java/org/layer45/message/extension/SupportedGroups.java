package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The supported_groups body (RFC 8446 §4.2.7): {@code NamedGroup named_group_list<2..2^16-1>},
 * in preference order. Unknown and GREASE groups are kept.
 *
 * @param groups the groups, most preferred first
 */
public record SupportedGroups(List<NamedGroup> groups) {

    public SupportedGroups {
        groups = List.copyOf(groups);
    }

    /** Decodes the extension data. */
    public static SupportedGroups decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub16("named_group_list");
        r.expectEnd("supported_groups extension");
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw TlsFailure.decodeError("bad named_group_list length " + list.remaining());
        }
        List<NamedGroup> groups = new ArrayList<>();
        while (list.hasRemaining()) {
            groups.add(NamedGroup.of(list.u16("named group")));
        }
        return new SupportedGroups(groups);
    }

    /** The supported_groups extension carrying this list. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed16(l -> {
            for (NamedGroup g : groups) {
                l.u16(g.code());
            }
        });
        return new Extension(ExtensionType.SUPPORTED_GROUPS, w.toByteArray());
    }
}
