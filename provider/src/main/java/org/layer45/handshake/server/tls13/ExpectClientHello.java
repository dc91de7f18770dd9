package org.layer45.handshake.server.tls13;

import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionCustomizer;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Negotiation;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;
import org.layer45.message.ServerHello;
import org.layer45.message.extension.Cookie;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.KeyShareHelloRetryRequest;
import org.layer45.message.extension.SupportedVersionsServer;

/**
 * Awaits the first ClientHello (RFC 8446 §4.1.2). Answers with the server flight, or with a
 * HelloRetryRequest when the client sent no share for a group we accept (§4.1.4). Accepts: ClientHello.
 */
public record ExpectClientHello(HandshakeSettings settings) implements ServerState {

    @Override
    public ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        ClientHello ch = in.require(ClientHello.class);
        ClientOffer offer = ClientOffer.parse(ch);
        CipherSuite suite = Negotiation.chooseSuite(settings.cipherSuites(), ch.cipherSuites());
        List<NamedGroup> supported = settings.backend().supportedGroups();
        // Prefer a group the client already sent a share for: no extra round trip (as rustls and Go do).
        NamedGroup group = Negotiation.firstGroup(settings.groups(),
                g -> supported.contains(g) && offer.share(g) != null);
        if (group != null) {
            Transcript transcript = Transcript.start(settings.backend().hkdf(suite.hash()));
            return ServerFlight.respond(settings, offer, suite, group, transcript, in, out, false);
        }
        group = Negotiation.firstGroup(settings.groups(), g -> supported.contains(g) && offer.groups().contains(g));
        if (group == null) {
            throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.NO_COMMON_GROUP, "no group in common");
        }
        return sendHelloRetryRequest(offer, suite, group, in, out);
    }

    /** RFC 8446 §4.1.4: ask for a share of {@code group}, with a cookie the client must echo. */
    private ServerState sendHelloRetryRequest(ClientOffer offer, CipherSuite suite, NamedGroup group,
            HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        byte[] cookie = new byte[32];
        settings.backend().random().nextBytes(cookie);
        List<Extension> ext = ExtensionCustomizer.apply(settings, ExtensionCustomizer.Message.HELLO_RETRY_REQUEST,
                List.of(new SupportedVersionsServer(ProtocolVersion.TLS13).toExtension(),
                        new KeyShareHelloRetryRequest(group).toExtension(),
                        new Cookie(cookie).toExtension()));
        cookie = Cookie.decode(Extensions.of(ext).find(ExtensionType.COOKIE).data()).cookie(); // as sent
        ServerHello hrr = new ServerHello(ProtocolVersion.TLS12, ServerHello.HELLO_RETRY_REQUEST_RANDOM,
                offer.hello().legacySessionId(), suite, 0, Extensions.of(ext));
        Transcript transcript = Transcript.afterHelloRetry(settings.backend().hkdf(suite.hash()), in.encoded());
        out.sendHandshake(transcript.add(hrr));
        boolean ccs = ServerFlight.sendCompatibilityCcs(settings, offer, out);
        return new ExpectSecondClientHello(settings, offer.hello(), suite, group, cookie, transcript, ccs);
    }
}
