package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The ClientHello pre_shared_key body (RFC 8446 §4.2.11): {@code PskIdentity identities<7..2^16-1>;
 * PskBinderEntry binders<33..2^16-1>}, {@code opaque PskBinderEntry<32..255>}. It MUST be the last
 * extension of the ClientHello, so the binders are the last bytes of the encoded ClientHello and
 * {@link #bindersLength()} tells how many to cut for the partial transcript (RFC 8446 §4.2.11.2).
 *
 * @param identities the offered identities
 * @param binders one binder per identity, in the same order
 */
public record PreSharedKeyClientHello(List<PskIdentity> identities, List<byte[]> binders) {

    public PreSharedKeyClientHello {
        identities = List.copyOf(identities);
        binders = List.copyOf(binders);
    }

    /** Decodes the extension data; a binder count that differs from the identity count → illegal_parameter. */
    public static PreSharedKeyClientHello decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader ids = r.sub16("psk identities");
        TlsReader bs = r.sub16("psk binders");
        r.expectEnd("pre_shared_key extension");
        if (!ids.hasRemaining()) {
            throw TlsFailure.decodeError("empty psk identities");
        }
        if (!bs.hasRemaining()) {
            throw TlsFailure.decodeError("empty psk binders");
        }
        List<PskIdentity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            identities.add(PskIdentity.read(ids));
        }
        List<byte[]> binders = new ArrayList<>();
        while (bs.hasRemaining()) {
            byte[] binder = bs.opaque8("psk binder");
            if (binder.length < 32) {
                throw TlsFailure.decodeError("psk binder of " + binder.length + " bytes is shorter than 32");
            }
            binders.add(binder);
        }
        if (binders.size() != identities.size()) {
            throw TlsFailure.illegalParameter(binders.size() + " psk binders for " + identities.size() + " identities");
        }
        return new PreSharedKeyClientHello(identities, binders);
    }

    /** Encoded length of the binders vector including its u16 length prefix (RFC 8446 §4.2.11.2). */
    public int bindersLength() {
        int n = 2;
        for (byte[] b : binders) {
            n += 1 + b.length;
        }
        return n;
    }

    /** The same identities with other binders (after computing them over the partial ClientHello). */
    public PreSharedKeyClientHello withBinders(List<byte[]> newBinders) {
        return new PreSharedKeyClientHello(identities, newBinders);
    }

    /** The pre_shared_key extension carrying identities and binders. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed16(l -> {
            for (PskIdentity id : identities) {
                id.write(l);
            }
        });
        w.lengthPrefixed16(l -> {
            for (byte[] b : binders) {
                l.opaque8(b);
            }
        });
        return new Extension(ExtensionType.PRE_SHARED_KEY, w.toByteArray());
    }
}
