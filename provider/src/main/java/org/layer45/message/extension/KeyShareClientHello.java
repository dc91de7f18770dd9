package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ClientHello key_share body (RFC 8446 §4.2.8): {@code KeyShareEntry client_shares<0..2^16-1>}
 * (may be empty, to request a HelloRetryRequest). RFC 8446 §4.2.8: "Clients MUST NOT offer multiple
 * KeyShareEntry values for the same group ... Servers MAY check for violations of these rules and
 * abort the handshake with an "illegal_parameter" alert" — we do.
 *
 * @param shares the shares in the client's preference order
 */
public record KeyShareClientHello(List<KeyShareEntry> shares) {

    public KeyShareClientHello {
        shares = List.copyOf(shares);
    }

    /** Decodes the extension data. */
    public static KeyShareClientHello decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub16("client_shares");
        r.expectEnd("key_share extension");
        List<KeyShareEntry> shares = new ArrayList<>();
        Set<Integer> groups = new HashSet<>();
        while (list.hasRemaining()) {
            KeyShareEntry e = KeyShareEntry.read(list);
            if (!groups.add(e.group().code())) {
                throw TlsFailure.illegalParameter("two key shares for group " + e.group());
            }
            shares.add(e);
        }
        return new KeyShareClientHello(shares);
    }

    /** The share for a group code, or null. */
    public KeyShareEntry find(int groupCode) {
        for (KeyShareEntry e : shares) {
            if (e.group().code() == groupCode) {
                return e;
            }
        }
        return null;
    }

    /** The key_share extension carrying these shares. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed16(l -> {
            for (KeyShareEntry e : shares) {
                e.write(l);
            }
        });
        return new Extension(ExtensionType.KEY_SHARE, w.toByteArray());
    }
}
