package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The early_data body (RFC 8446 §4.2.10): empty in ClientHello and EncryptedExtensions,
 * {@code uint32 max_early_data_size} in NewSessionTicket. Decoding accepts both forms; the caller
 * checks the form fits the message it came in.
 *
 * @param maxEarlyDataSize the NewSessionTicket limit, or -1 for the empty form
 */
public record EarlyDataIndication(long maxEarlyDataSize) {
    /** The empty form (ClientHello, EncryptedExtensions). */
    public static final EarlyDataIndication EMPTY = new EarlyDataIndication(-1);

    /** Decodes the extension data: zero bytes or exactly four. */
    public static EarlyDataIndication decode(byte[] data) throws TlsFailure {
        if (data.length == 0) {
            return EMPTY;
        }
        TlsReader r = new TlsReader(data);
        long max = r.u32("max_early_data_size");
        r.expectEnd("early_data extension");
        return new EarlyDataIndication(max);
    }

    /** Whether this is the empty form. */
    public boolean isEmptyForm() {
        return maxEarlyDataSize < 0;
    }

    /** The early_data extension. */
    public Extension toExtension() {
        byte[] data = isEmptyForm() ? new byte[0] : new TlsWriter(4).u32(maxEarlyDataSize).toByteArray();
        return new Extension(ExtensionType.EARLY_DATA, data);
    }
}
