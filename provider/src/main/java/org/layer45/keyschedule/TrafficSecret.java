package org.layer45.keyschedule;

import org.layer45.crypto.Hkdf;
import org.layer45.iana.AeadAlgorithm;

/**
 * One traffic secret (RFC 8446 §7.1): client/server early, handshake or application traffic
 * secret. Yields the record keys (§7.3), the Finished key (§4.4.4) and, for application secrets,
 * the next generation after a KeyUpdate (§7.2).
 */
public final class TrafficSecret {
    private final Hkdf hkdf;
    private final byte[] secret;

    TrafficSecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    /** A traffic secret from raw bytes, e.g. one restored from a key log in tests. */
    public static TrafficSecret of(Hkdf hkdf, byte[] secret) {
        return new TrafficSecret(hkdf, secret.clone());
    }

    /** A copy of the secret (for key logging). */
    public byte[] secret() {
        return secret.clone();
    }

    /** The write key and IV for {@code alg} (RFC 8446 §7.3). */
    public TrafficKeys keys(AeadAlgorithm alg) {
        byte[] key = KeySchedule.hkdfExpandLabel(hkdf, secret, "key", null, alg.keyLength());
        byte[] iv = KeySchedule.hkdfExpandLabel(hkdf, secret, "iv", null, AeadAlgorithm.NONCE_LENGTH);
        return new TrafficKeys(key, iv);
    }

    /** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (RFC 8446 §4.4.4). */
    public byte[] finishedKey() {
        return KeySchedule.finishedKey(hkdf, secret);
    }

    /** verify_data of a Finished message sent under this (handshake) secret (RFC 8446 §4.4.4). */
    public byte[] finishedVerifyData(byte[] transcriptHash) {
        return KeySchedule.finishedVerifyData(hkdf, secret, transcriptHash);
    }

    /**
     * application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N,
     * "traffic upd", "", Hash.length) (RFC 8446 §7.2).
     */
    public TrafficSecret next() {
        return new TrafficSecret(hkdf, KeySchedule.hkdfExpandLabel(hkdf, secret, "traffic upd", null,
                hkdf.hashLength()));
    }

    public Hkdf hkdf() {
        return hkdf;
    }
}
