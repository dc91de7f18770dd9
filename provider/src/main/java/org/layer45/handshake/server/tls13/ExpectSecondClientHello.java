package org.layer45.handshake.server.tls13;

import java.util.Arrays;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.message.ClientHello;

/**
 * Awaits the ClientHello that answers our HelloRetryRequest (RFC 8446 §4.1.2): it must be the first
 * one with only the key share replaced and our cookie echoed. Accepts: ClientHello.
 */
public record ExpectSecondClientHello(HandshakeSettings settings, ClientHello first, CipherSuite suite,
        NamedGroup group, byte[] cookie, Transcript transcript, boolean ccsSent) implements ServerState {

    @Override
    public ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        ClientHello ch = in.require(ClientHello.class);
        ClientOffer offer = ClientOffer.parse(ch);
        if (!Arrays.equals(ch.random(), first.random())
                || !Arrays.equals(ch.legacySessionId(), first.legacySessionId())
                || !ch.cipherSuites().contains(suite)) {
            throw TlsFailure.illegalParameter("second client hello differs from the first");
        }
        if (offer.shares().size() != 1 || offer.share(group) == null) {
            throw TlsFailure.illegalParameter("second client hello lacks exactly one share for " + group);
        }
        if (offer.cookie() == null) {
            throw new TlsFailure(AlertDescription.MISSING_EXTENSION, Reason.MISSING_EXTENSION,
                    "second client hello does not echo the cookie");
        }
        if (!Arrays.equals(offer.cookie(), cookie)) {
            throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.INVALID_COOKIE, "cookie mismatch");
        }
        return ServerFlight.respond(settings, offer, suite, group, transcript, in, out, ccsSent);
    }

}
