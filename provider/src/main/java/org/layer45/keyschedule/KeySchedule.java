package org.layer45.keyschedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.layer45.crypto.Hkdf;

/**
 * The stateless building blocks of the TLS 1.3 key schedule (RFC 8446 §7.1): HKDF-Expand-Label,
 * Derive-Secret, the Finished computation (§4.4.4) and the resumption PSK (§4.6.1). The typestate
 * classes {@link EarlySecret}, {@link HandshakeSecret} and {@link MasterSecret} are built on these.
 */
public final class KeySchedule {
    /** RFC 8446 §7.1: every label is prefixed with "tls13 ". */
    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] EMPTY = new byte[0];

    private KeySchedule() {
    }

    /**
     * HKDF-Expand-Label(Secret, Label, Context, Length) (RFC 8446 §7.1):
     * HKDF-Expand(Secret, HkdfLabel, Length) with
     * {@code struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; }}.
     *
     * @param context the context; null is treated as empty
     */
    public static byte[] hkdfExpandLabel(Hkdf h, byte[] secret, String label, byte[] context, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] ctx = context == null ? EMPTY : context;
        int fullLabelLength = LABEL_PREFIX.length + labelBytes.length;
        if (length < 0 || length > 0xFFFF || fullLabelLength > 255 || ctx.length > 255) {
            // Caller bug, not peer input: all labels and lengths are ours.
            throw new IllegalArgumentException("HkdfLabel field out of range");
        }
        byte[] info = new byte[2 + 1 + fullLabelLength + 1 + ctx.length];
        int p = 0;
        info[p++] = (byte) (length >>> 8);
        info[p++] = (byte) length;
        info[p++] = (byte) fullLabelLength;
        System.arraycopy(LABEL_PREFIX, 0, info, p, LABEL_PREFIX.length);
        p += LABEL_PREFIX.length;
        System.arraycopy(labelBytes, 0, info, p, labelBytes.length);
        p += labelBytes.length;
        info[p++] = (byte) ctx.length;
        System.arraycopy(ctx, 0, info, p, ctx.length);
        return h.expand(secret, info, length);
    }

    /**
     * Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label,
     * Transcript-Hash(Messages), Hash.length) (RFC 8446 §7.1). The caller passes the transcript hash.
     */
    public static byte[] deriveSecret(Hkdf h, byte[] secret, String label, byte[] transcriptHash) {
        return hkdfExpandLabel(h, secret, label, transcriptHash, h.hashLength());
    }

    /** Derive-Secret(Secret, Label, "") — the transcript hash of no messages (RFC 8446 §7.1 "derived"). */
    static byte[] deriveSecretEmpty(Hkdf h, byte[] secret, String label) {
        return deriveSecret(h, secret, label, h.digest(EMPTY));
    }

    /**
     * finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (RFC 8446 §4.4.4).
     */
    public static byte[] finishedKey(Hkdf h, byte[] baseKey) {
        return hkdfExpandLabel(h, baseKey, "finished", EMPTY, h.hashLength());
    }

    /**
     * verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*,
     * CertificateVerify*)) (RFC 8446 §4.4.4). Also the PSK binder value (§4.2.11.2) with the
     * binder key as base key and the partial-ClientHello hash.
     */
    public static byte[] finishedVerifyData(Hkdf h, byte[] baseKey, byte[] transcriptHash) {
        return h.hmac(finishedKey(h, baseKey), transcriptHash);
    }

    /**
     * The PSK for a ticket: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce,
     * Hash.length) (RFC 8446 §4.6.1).
     */
    public static byte[] resumptionPsk(Hkdf h, byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return hkdfExpandLabel(h, resumptionMasterSecret, "resumption", ticketNonce, h.hashLength());
    }

    /** Constant-time comparison for Finished verify_data and binders (RFC 8446 §4.4.4, DESIGN §8). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
