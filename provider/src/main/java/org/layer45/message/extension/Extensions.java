package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * An ordered, immutable block of extensions, {@code Extension extensions<0..2^16-1>} (RFC 8446 §4.2).
 * Order is kept because it matters on the wire: pre_shared_key MUST be last in a ClientHello
 * (RFC 8446 §4.2.11), see {@link #lastType()}. Reading rejects a repeated type; building with
 * {@link #of(List)} does not check, so tests can craft malformed messages.
 */
public final class Extensions {
    /** No extensions (encodes as a zero-length block {@code 00 00}). */
    public static final Extensions EMPTY = new Extensions(List.of());

    private final List<Extension> list;

    private Extensions(List<Extension> list) {
        this.list = list;
    }

    /** The extensions in the given order. */
    public static Extensions of(List<Extension> extensions) {
        return extensions.isEmpty() ? EMPTY : new Extensions(List.copyOf(extensions));
    }

    /** The extensions in the given order. */
    public static Extensions of(Extension... extensions) {
        return of(List.of(extensions));
    }

    /**
     * Reads a u16-prefixed extension block. RFC 8446 §4.2: "There MUST NOT be more than one extension
     * of the same type in a given extension block" → illegal_parameter / DUPLICATE_EXTENSION.
     */
    public static Extensions read(TlsReader r) throws TlsFailure {
        TlsReader block = r.sub16("extensions");
        if (!block.hasRemaining()) {
            return EMPTY;
        }
        List<Extension> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (block.hasRemaining()) {
            Extension e = Extension.read(block);
            if (!seen.add(e.type())) {
                throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.DUPLICATE_EXTENSION,
                        "duplicate extension " + ExtensionType.name(e.type()));
            }
            out.add(e);
        }
        return new Extensions(List.copyOf(out));
    }

    /** Writes the block with its u16 length prefix. */
    public void write(TlsWriter w) {
        w.lengthPrefixed16(b -> {
            for (Extension e : list) {
                e.write(b);
            }
        });
    }

    /** The extension of this type, or null if absent. */
    public Extension find(int type) {
        for (Extension e : list) {
            if (e.type() == type) {
                return e;
            }
        }
        return null;
    }

    /** Whether an extension of this type is present. */
    public boolean has(int type) {
        return find(type) != null;
    }

    /** The extensions in wire order (unmodifiable). */
    public List<Extension> list() {
        return list;
    }

    /** Number of extensions. */
    public int size() {
        return list.size();
    }

    /** Whether there are no extensions. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** The type of the last extension, or -1 if empty (RFC 8446 §4.2.11: pre_shared_key MUST be last). */
    public int lastType() {
        return list.isEmpty() ? -1 : list.get(list.size() - 1).type();
    }

    /** The extension types in wire order. */
    public List<Integer> types() {
        List<Integer> types = new ArrayList<>(list.size());
        for (Extension e : list) {
            types.add(e.type());
        }
        return types;
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
