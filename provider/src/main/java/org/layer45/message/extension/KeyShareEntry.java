package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * One key share (RFC 8446 §4.2.8): {@code NamedGroup group; opaque key_exchange<1..2^16-1>}.
 * The key_exchange bytes are not validated here; the group's KeyExchange does that.
 *
 * @param group the group
 * @param keyExchange the public value, as given
 */
public record KeyShareEntry(NamedGroup group, byte[] keyExchange) {

    /** Reads one entry. */
    public static KeyShareEntry read(TlsReader r) throws TlsFailure {
        NamedGroup group = NamedGroup.of(r.u16("key share group"));
        byte[] keyExchange = r.opaque16("key_exchange");
        if (keyExchange.length == 0) {
            throw TlsFailure.decodeError("empty key_exchange for " + group);
        }
        return new KeyShareEntry(group, keyExchange);
    }

    /** Writes the entry. */
    public void write(TlsWriter w) {
        w.u16(group.code()).opaque16(keyExchange);
    }

    @Override
    public String toString() {
        return "KeyShareEntry[" + group + ", " + keyExchange.length + " bytes]";
    }
}
