package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ServerHello pre_shared_key body (RFC 8446 §4.2.11): {@code uint16 selected_identity}
 * (zero-based index into the client's identities; the client checks the range).
 *
 * @param selectedIdentity the index of the accepted identity
 */
public record PreSharedKeyServerHello(int selectedIdentity) {

    /** Decodes the extension data. */
    public static PreSharedKeyServerHello decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        int selected = r.u16("selected_identity");
        r.expectEnd("pre_shared_key extension");
        return new PreSharedKeyServerHello(selected);
    }

    /** The pre_shared_key extension carrying the selection. */
    public Extension toExtension() {
        return new Extension(ExtensionType.PRE_SHARED_KEY, new TlsWriter(2).u16(selectedIdentity).toByteArray());
    }
}
