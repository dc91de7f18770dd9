package org.layer45.keyschedule;

import org.layer45.crypto.Hkdf;

/**
 * The keying material exporter. TLS 1.2 (RFC 5705 §4, over the extended master secret of RFC 7627):
 * PRF(master_secret, label, client_random ‖ server_random [‖ uint16 context length ‖ context]).
 * TLS 1.3 (RFC 8446 §7.5):
 * TLS-Exporter(label, context_value, key_length) = HKDF-Expand-Label(
 * Derive-Secret(Secret, label, ""), "exporter", Hash(context_value), key_length).
 */
public final class Exporter {
    private static final byte[] EMPTY = new byte[0];

    private final Hkdf hkdf;
    private final byte[] exporterMasterSecret;
    /** TLS 1.2: client_random ‖ server_random (then exporterMasterSecret is the master secret); else null. */
    private final byte[] tls12Randoms;

    Exporter(Hkdf hkdf, byte[] exporterMasterSecret) {
        this(hkdf, exporterMasterSecret, null);
    }

    private Exporter(Hkdf hkdf, byte[] secret, byte[] tls12Randoms) {
        this.hkdf = hkdf;
        this.exporterMasterSecret = secret;
        this.tls12Randoms = tls12Randoms;
    }

    /** The TLS 1.2 exporter (RFC 5705 §4) of a connection with this master secret and these randoms. */
    public static Exporter tls12(Hkdf hkdf, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        byte[] randoms = java.util.Arrays.copyOf(clientRandom, clientRandom.length + serverRandom.length);
        System.arraycopy(serverRandom, 0, randoms, clientRandom.length, serverRandom.length);
        return new Exporter(hkdf, masterSecret.clone(), randoms);
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
        if (tls12Randoms != null) {
            return export12(label, context, length);
        }
        byte[] labelSecret = KeySchedule.deriveSecret(hkdf, exporterMasterSecret, label, hkdf.digest(EMPTY));
        byte[] contextHash = hkdf.digest(context == null ? EMPTY : context);
        return KeySchedule.hkdfExpandLabel(hkdf, labelSecret, "exporter", contextHash, length);
    }

    /**
     * RFC 5705 §4: with no context the seed is just the randoms; with a context (even an empty one)
     * its uint16 length and bytes follow, so null and empty differ in TLS 1.2.
     */
    private byte[] export12(String label, byte[] context, int length) {
        byte[] seed = tls12Randoms;
        if (context != null) {
            if (context.length > 0xFFFF) {
                throw new IllegalArgumentException("exporter context longer than 65535 bytes");
            }
            seed = java.util.Arrays.copyOf(tls12Randoms, tls12Randoms.length + 2 + context.length);
            seed[tls12Randoms.length] = (byte) (context.length >>> 8);
            seed[tls12Randoms.length + 1] = (byte) context.length;
            System.arraycopy(context, 0, seed, tls12Randoms.length + 2, context.length);
        }
        return Tls12KeySchedule.prf(hkdf, exporterMasterSecret, label, seed, length);
    }
}
