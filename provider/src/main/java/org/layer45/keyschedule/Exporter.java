package org.layer45.keyschedule;

import org.layer45.crypto.Hkdf;

/**
 * The TLS 1.3 keying material exporter (RFC 8446 §7.5, RFC 5705):
 * TLS-Exporter(label, context_value, key_length) = HKDF-Expand-Label(
 * Derive-Secret(Secret, label, ""), "exporter", Hash(context_value), key_length).
 */
public final class Exporter {
    private static final byte[] EMPTY = new byte[0];

    private final Hkdf hkdf;
    private final byte[] exporterMasterSecret;

    Exporter(Hkdf hkdf, byte[] exporterMasterSecret) {
        this.hkdf = hkdf;
        this.exporterMasterSecret = exporterMasterSecret;
    }

    /** An exporter over a known (early_)exporter_master_secret, e.g. one restored in tests. */
    public static Exporter of(Hkdf hkdf, byte[] exporterMasterSecret) {
        return new Exporter(hkdf, exporterMasterSecret.clone());
    }

    /** The exporter_master_secret itself, for a key log (draft-ietf-tls-keylogfile EXPORTER_SECRET). */
    public byte[] secret() {
        return exporterMasterSecret.clone();
    }

    /**
     * Exports {@code length} bytes. RFC 8446 §7.5: "If no context is provided, the context_value
     * is zero length", so a null context equals an empty one.
     */
    public byte[] export(String label, byte[] context, int length) {
        byte[] labelSecret = KeySchedule.deriveSecret(hkdf, exporterMasterSecret, label, hkdf.digest(EMPTY));
        byte[] contextHash = hkdf.digest(context == null ? EMPTY : context);
        return KeySchedule.hkdfExpandLabel(hkdf, labelSecret, "exporter", contextHash, length);
    }
}
