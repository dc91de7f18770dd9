package org.layer45.handshake.server.tls13;

import java.security.MessageDigest;

import org.layer45.crypto.Hkdf;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.PskBinders;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.message.extension.PreSharedKeyClientHello;
import org.layer45.message.extension.PskIdentity;

/**
 * Chooses a PSK from the client's pre_shared_key (RFC 8446 §4.2.11): the first identity that is a
 * ticket we sealed, unexpired, for a suite with the negotiated hash. Anything else falls back to a
 * full handshake; only a wrong binder on the chosen identity aborts (decrypt_error).
 */
final class PskAcceptor {
    /** The chosen identity and its state. */
    record Accepted(int index, ResumptionState state) {
    }

    private PskAcceptor() {
    }

    /**
     * @param before  the transcript before this ClientHello (empty, or message_hash + HelloRetryRequest)
     * @param encoded the exact ClientHello bytes
     */
    static Accepted accept(HandshakeSettings s, ClientOffer offer, CipherSuite suite, Transcript before,
            byte[] encoded) throws TlsFailure {
        PreSharedKeyClientHello psk = offer.psk();
        if (psk == null || !offer.pskDheKe() || s.ticketKeys() == null) {
            return null;
        }
        for (int i = 0; i < psk.identities().size(); i++) {
            ResumptionState state = open(s, psk.identities().get(i), suite);
            if (state != null) {
                checkBinder(suite, before, encoded, psk, i, state, s);
                return new Accepted(i, state);
            }
        }
        return null;
    }

    private static ResumptionState open(HandshakeSettings s, PskIdentity identity, CipherSuite suite)
            throws TlsFailure {
        byte[] plain = s.ticketKeys().open(identity.identity());
        ResumptionState state = plain == null ? null : ResumptionState.decode(plain);
        if (state == null || !state.suite().hash().equals(suite.hash())) {
            return null;
        }
        // RFC 8446 §4.6.1: never use a ticket beyond its lifetime. The client's claimed age
        // (obfuscated_ticket_age - ticket_age_add) only matters for 0-RTT, which we do not accept.
        long age = s.currentTimeMillis() - state.issuedMillis();
        return age >= 0 && age < state.lifetimeSeconds() * 1000L ? state : null;
    }

    /** RFC 8446 §4.2.11.2: the binder covers the ClientHello up to (not including) the binders list. */
    private static void checkBinder(CipherSuite suite, Transcript before, byte[] encoded,
            PreSharedKeyClientHello psk, int index, ResumptionState state, HandshakeSettings s) throws TlsFailure {
        Hkdf hkdf = s.backend().hkdf(suite.hash());
        int truncated = encoded.length - psk.bindersLength();
        byte[] th = before.hashWith(encoded, truncated);
        byte[] expected = PskBinders.resumptionBinder(hkdf, state.psk(), th);
        if (!MessageDigest.isEqual(expected, psk.binders().get(index))) {
            throw new TlsFailure(AlertDescription.DECRYPT_ERROR, Reason.BAD_BINDER, "psk binder does not verify");
        }
    }
}
