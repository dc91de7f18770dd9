package org.layer45.handshake.client.tls13;

import java.util.Arrays;

import org.layer45.crypto.Hkdf;
import org.layer45.crypto.KeyExchange.ClientKeyShare;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionRules;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.StoredTicket;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.keyschedule.EarlySecret;
import org.layer45.keyschedule.HandshakeSecret;
import org.layer45.message.ServerHello;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.KeyShareServerHello;
import org.layer45.message.extension.PreSharedKeyServerHello;
import org.layer45.message.extension.SupportedVersionsServer;

/**
 * Awaits ServerHello or HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4). Accepts: ServerHello.
 *
 * @param retry null before a HelloRetryRequest; afterwards the transcript so far and the suite it chose
 */
public record ExpectServerHello(HandshakeSettings settings, ClientHelloOffer offer, Retry retry, boolean ccsSent)
        implements ClientState {

    /** What a HelloRetryRequest fixed: the transcript (message_hash, HRR, ClientHello2) and suite. */
    record Retry(Transcript transcript, CipherSuite suite) {
    }

    @Override
    public ClientState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        ServerHello sh = in.require(ServerHello.class);
        checkVersion(sh);
        CipherSuite suite = checkCommonFields(sh);
        if (sh.isHelloRetryRequest()) {
            return HelloRetryHandler.handle(this, sh, suite, in, out);
        }
        ExtensionRules.checkServerExtensions(sh.extensions(), offer.hello().extensions(),
                ExtensionRules.SERVER_HELLO, "server hello");
        if (retry != null && !suite.equals(retry.suite())) {
            // RFC 8446 §4.1.4: the ServerHello suite MUST equal the HelloRetryRequest suite.
            throw illegal(Reason.UNOFFERED_CIPHER_SUITE, "server hello suite differs from hello retry request");
        }
        Hkdf hkdf = settings.backend().hkdf(suite.hash());
        StoredTicket resumed = acceptedTicket(sh, suite);
        Extension ks = ExtensionRules.require(sh.extensions(), ExtensionType.KEY_SHARE, "server hello");
        KeyShareServerHello share = KeyShareServerHello.decode(ks.data());
        ClientKeyShare ours = offer.shares().get(share.share().group());
        if (ours == null) {
            throw illegal(Reason.UNOFFERED_GROUP, "server selected a group it was not offered ("
                    + share.share().group() + ")");
        }
        byte[] shared = ours.complete(share.share().keyExchange());
        Transcript transcript = retry != null ? retry.transcript() : Transcript.start(hkdf);
        if (retry == null) {
            transcript.add(offer.encoded());
        }
        transcript.add(in.encoded());
        EarlySecret early = resumed != null ? EarlySecret.withPsk(hkdf, resumed.psk()) : EarlySecret.withoutPsk(hkdf);
        HandshakeSecret hs = early.handshakeSecret(shared);
        byte[] th = transcript.hash();
        Negotiated n = new Negotiated(settings, offer, suite, ours.group(), transcript, hs,
                hs.clientHandshakeTrafficSecret(th), hs.serverHandshakeTrafficSecret(th), resumed, ccsSent);
        out.installReadKeys(suite, n.serverHandshake(), false);
        // From here our alerts are protected too (RFC 8446 §6.2); the second flight follows later.
        out.installWriteKeys(suite, n.clientHandshake(), false);
        return new ExpectEncryptedExtensions(n);
    }

    /** RFC 8446 §4.1.3 / §4.2.1: we offered only TLS 1.3, so anything else is refused. */
    private void checkVersion(ServerHello sh) throws TlsFailure {
        Extension sv = sh.extensions().find(ExtensionType.SUPPORTED_VERSIONS);
        if (sv == null) {
            byte[] tail = Arrays.copyOfRange(sh.random(), 24, 32);
            if (Arrays.equals(tail, ServerHello.DOWNGRADE_TLS12) || Arrays.equals(tail, ServerHello.DOWNGRADE_TLS11)) {
                // RFC 8446 §4.1.3: "MUST check ... and abort with an illegal_parameter alert".
                throw illegal(Reason.DOWNGRADE_DETECTED, "downgrade sentinel in server random");
            }
            throw new TlsFailure(AlertDescription.PROTOCOL_VERSION, Reason.UNSUPPORTED_VERSION,
                    "server did not negotiate tls 1.3");
        }
        ProtocolVersion selected = SupportedVersionsServer.decode(sv.data()).selected();
        if (!ProtocolVersion.TLS13.equals(selected)) {
            throw illegal(Reason.UNSUPPORTED_VERSION, "server selected a version we did not offer (" + selected + ")");
        }
    }

    /** Session id echo, compression and suite, common to ServerHello and HelloRetryRequest. */
    private CipherSuite checkCommonFields(ServerHello sh) throws TlsFailure {
        if (!Arrays.equals(sh.legacySessionIdEcho(), offer.hello().legacySessionId())) {
            throw illegal(Reason.ILLEGAL_PARAMETER, "legacy_session_id_echo does not match");
        }
        if (sh.legacyCompressionMethod() != 0) {
            throw illegal(Reason.ILLEGAL_PARAMETER, "non-null compression method");
        }
        CipherSuite suite = sh.cipherSuite();
        if (!offer.hello().cipherSuites().contains(suite) || !suite.tls13()) {
            throw illegal(Reason.UNOFFERED_CIPHER_SUITE, "server selected a cipher suite it was not offered ("
                    + suite + ")");
        }
        return suite;
    }

    /** The offered ticket if the server selected it (RFC 8446 §4.2.11), else null. */
    private StoredTicket acceptedTicket(ServerHello sh, CipherSuite suite) throws TlsFailure {
        Extension psk = sh.extensions().find(ExtensionType.PRE_SHARED_KEY);
        if (psk == null) {
            return null;
        }
        int selected = PreSharedKeyServerHello.decode(psk.data()).selectedIdentity();
        if (selected != 0 || offer.ticket() == null) {
            throw illegal(Reason.INVALID_PSK, "server selected a psk identity we did not offer (" + selected + ")");
        }
        if (!offer.ticket().suite().hash().equals(suite.hash())) {
            throw illegal(Reason.INVALID_PSK, "server selected a psk with a different hash than its suite");
        }
        return offer.ticket();
    }

    static TlsFailure illegal(Reason reason, String detail) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, reason, detail);
    }
}
