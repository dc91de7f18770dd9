package org.layer45.handshake;

import java.security.MessageDigest;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.keyschedule.TrafficSecret;
import org.layer45.message.Finished;

/** Finished computation and constant-time verification (RFC 8446 §4.4.4). */
public final class FinishedCheck {
    private FinishedCheck() {
    }

    /** Our Finished: HMAC(finished_key(base), Transcript-Hash(...)). */
    public static Finished compute(TrafficSecret base, byte[] transcriptHash) {
        return new Finished(base.finishedVerifyData(transcriptHash));
    }

    /** RFC 8446 §4.4.4: "Recipients of Finished messages MUST verify ... and abort with decrypt_error". */
    public static void verify(TrafficSecret peerBase, byte[] transcriptHash, Finished received) throws TlsFailure {
        byte[] expected = peerBase.finishedVerifyData(transcriptHash);
        if (!MessageDigest.isEqual(expected, received.verifyData())) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_FINISHED, "finished verify data mismatch");
        }
    }
}
