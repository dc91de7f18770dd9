package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The HelloRetryRequest key_share body (RFC 8446 §4.2.8): {@code NamedGroup selected_group}.
 *
 * @param selectedGroup the group the server asks the client to retry with
 */
public record KeyShareHelloRetryRequest(NamedGroup selectedGroup) {

    /** Decodes the extension data. */
    public static KeyShareHelloRetryRequest decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        int group = r.u16("selected_group");
        r.expectEnd("key_share extension");
        return new KeyShareHelloRetryRequest(NamedGroup.of(group));
    }

    /** The key_share extension carrying the selected group. */
    public Extension toExtension() {
        return new Extension(ExtensionType.KEY_SHARE, new TlsWriter(2).u16(selectedGroup.code()).toByteArray());
    }
}
