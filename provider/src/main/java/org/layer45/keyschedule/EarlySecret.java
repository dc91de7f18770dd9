package org.layer45.keyschedule;

import org.layer45.crypto.Hkdf;

/**
 * The first stage of the TLS 1.3 key schedule (RFC 8446 §7.1): Early Secret = HKDF-Extract(0, PSK),
 * or HKDF-Extract(0, 0) without a PSK. From here only the binder key, the 0-RTT secrets and the
 * next stage ({@link HandshakeSecret}) can be derived — never a handshake or application key.
 */
public final class EarlySecret {
    private final Hkdf hkdf;
    private final byte[] secret;

    private EarlySecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    /** Early Secret with "a string of Hash.length bytes set to zeros" as the PSK (RFC 8446 §7.1). */
    public static EarlySecret withoutPsk(Hkdf h) {
        return new EarlySecret(h, h.extract(null, new byte[h.hashLength()]));
    }

    /** Early Secret = HKDF-Extract(0, PSK) (RFC 8446 §7.1). */
    public static EarlySecret withPsk(Hkdf h, byte[] psk) {
        return new EarlySecret(h, h.extract(null, psk.clone()));
    }

    /**
     * binder_key = Derive-Secret(Early Secret, "ext binder" | "res binder", "") (RFC 8446 §7.1);
     * the binder value is {@link KeySchedule#finishedVerifyData} over the partial ClientHello
     * hash with this key (§4.2.11.2).
     */
    public byte[] binderKey(boolean external) {
        return KeySchedule.deriveSecretEmpty(hkdf, secret, external ? "ext binder" : "res binder");
    }

    /** client_early_traffic_secret = Derive-Secret(., "c e traffic", ClientHello) (RFC 8446 §7.1). */
    public TrafficSecret clientEarlyTrafficSecret(byte[] thClientHello) {
        return new TrafficSecret(hkdf, KeySchedule.deriveSecret(hkdf, secret, "c e traffic", thClientHello));
    }

    /** early_exporter_master_secret = Derive-Secret(., "e exp master", ClientHello) (RFC 8446 §7.1). */
    public byte[] earlyExporterMasterSecret(byte[] thClientHello) {
        return KeySchedule.deriveSecret(hkdf, secret, "e exp master", thClientHello);
    }

    /** The {@link Exporter} for early data (RFC 8446 §7.5, early_exporter_master_secret). */
    public Exporter earlyExporter(byte[] thClientHello) {
        return new Exporter(hkdf, earlyExporterMasterSecret(thClientHello));
    }

    /**
     * Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE)
     * (RFC 8446 §7.1). For psk_ke (no (EC)DHE) pass null: the input is Hash.length zeros.
     */
    public HandshakeSecret handshakeSecret(byte[] sharedSecret) {
        byte[] ikm = sharedSecret == null ? new byte[hkdf.hashLength()] : sharedSecret;
        byte[] derived = KeySchedule.deriveSecretEmpty(hkdf, secret, "derived");
        return new HandshakeSecret(hkdf, hkdf.extract(derived, ikm));
    }

    /** A copy of the Early Secret itself (for tests and key logging). */
    public byte[] secret() {
        return secret.clone();
    }

    public Hkdf hkdf() {
        return hkdf;
    }
}
