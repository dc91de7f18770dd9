package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The psk_key_exchange_modes body (RFC 8446 §4.2.9): {@code PskKeyExchangeMode ke_modes<1..255>}.
 * Unknown modes are kept (the server ignores them).
 *
 * @param modes the mode codes, e.g. {@link #PSK_DHE_KE}
 */
public record PskKeyExchangeModes(List<Integer> modes) {
    /** PSK-only key establishment. */
    public static final int PSK_KE = 0;
    /** PSK with (EC)DHE key establishment. */
    public static final int PSK_DHE_KE = 1;

    public PskKeyExchangeModes {
        modes = List.copyOf(modes);
    }

    /** Decodes the extension data. */
    public static PskKeyExchangeModes decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub8("ke_modes");
        r.expectEnd("psk_key_exchange_modes extension");
        if (!list.hasRemaining()) {
            throw TlsFailure.decodeError("empty ke_modes");
        }
        List<Integer> modes = new ArrayList<>();
        while (list.hasRemaining()) {
            modes.add(list.u8("ke mode"));
        }
        return new PskKeyExchangeModes(modes);
    }

    /** The psk_key_exchange_modes extension carrying these modes. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed8(l -> {
            for (int m : modes) {
                l.u8(m);
            }
        });
        return new Extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, w.toByteArray());
    }
}
