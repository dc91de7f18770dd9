package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * One offered PSK identity (RFC 8446 §4.2.11): {@code opaque identity<1..2^16-1>;
 * uint32 obfuscated_ticket_age}.
 *
 * @param identity the identity (a ticket, or an external PSK's label)
 * @param obfuscatedTicketAge ticket age in ms plus ticket_age_add, mod 2^32 (0 for external PSKs)
 */
public record PskIdentity(byte[] identity, long obfuscatedTicketAge) {

    /** Reads one identity. */
    public static PskIdentity read(TlsReader r) throws TlsFailure {
        byte[] identity = r.opaque16("psk identity");
        if (identity.length == 0) {
            throw TlsFailure.decodeError("empty psk identity");
        }
        return new PskIdentity(identity, r.u32("obfuscated_ticket_age"));
    }

    /** Writes the identity. */
    public void write(TlsWriter w) {
        w.opaque16(identity).u32(obfuscatedTicketAge);
    }

    @Override
    public String toString() {
        return "PskIdentity[" + identity.length + " bytes, age " + obfuscatedTicketAge + "]";
    }
}
