package org.layer45.handshake;

import org.layer45.crypto.Hkdf;
import org.layer45.keyschedule.EarlySecret;
import org.layer45.keyschedule.KeySchedule;

/** PSK binder values (RFC 8446 §4.2.11.2), computed identically by client and server. */
public final class PskBinders {
    private PskBinders() {
    }

    /**
     * binder = HMAC(finished_key(binder_key), Transcript-Hash(Truncate(ClientHello))) where the hash
     * covers any earlier messages (message_hash and HelloRetryRequest after a retry).
     *
     * @param transcriptHash Transcript-Hash up to and including the truncated ClientHello
     */
    public static byte[] resumptionBinder(Hkdf hkdf, byte[] psk, byte[] transcriptHash) {
        byte[] binderKey = EarlySecret.withPsk(hkdf, psk).binderKey(false);
        return KeySchedule.finishedVerifyData(hkdf, binderKey, transcriptHash);
    }
}
