package org.layer45.handshake.client.tls13;

import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionRules;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.message.ServerHello;
import org.layer45.message.extension.Cookie;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.KeyShareHelloRetryRequest;

/** The client's answer to a HelloRetryRequest (RFC 8446 §4.1.4): a second ClientHello. */
final class HelloRetryHandler {
    private HelloRetryHandler() {
    }

    static ClientState handle(ExpectServerHello state, ServerHello hrr, CipherSuite suite, HandshakeInput in,
            HandshakeOutput out) throws TlsFailure {
        if (state.retry() != null) {
            // RFC 8446 §4.1.4: "If a client receives a second HelloRetryRequest ... it MUST abort
            // the handshake with an unexpected_message alert."
            throw new TlsFailure(org.layer45.error.AlertDescription.UNEXPECTED_MESSAGE,
                    Reason.SECOND_HELLO_RETRY_REQUEST, "second hello retry request");
        }
        ClientHelloOffer offer = state.offer();
        ExtensionRules.checkServerExtensions(hrr.extensions(), offer.hello().extensions(),
                ExtensionRules.HELLO_RETRY_REQUEST, "hello retry request");
        NamedGroup group = selectedGroup(state, hrr);
        Extension cookieExt = hrr.extensions().find(ExtensionType.COOKIE);
        byte[] cookie = cookieExt == null ? null : Cookie.decode(cookieExt.data()).cookie();
        if (group == null && cookie == null) {
            // RFC 8446 §4.1.4: a HelloRetryRequest that would not change the ClientHello → illegal_parameter.
            throw ExpectServerHello.illegal(Reason.HELLO_RETRY_REQUEST_NOT_CHANGED,
                    "hello retry request would not change the client hello");
        }
        Transcript transcript = Transcript.afterHelloRetry(state.settings().backend().hkdf(suite.hash()),
                offer.encoded());
        transcript.add(in.encoded());
        ClientHelloOffer second = offer.retry(state.settings(), group, cookie, suite, transcript);
        boolean ccsSent = state.ccsSent();
        if (state.settings().middleboxCompatibility() && !ccsSent) {
            // RFC 8446 §D.4: the dummy change_cipher_spec may go right before the second ClientHello.
            out.sendChangeCipherSpec();
            ccsSent = true;
        }
        out.sendHandshake(transcript.add(second.encoded()));
        return new ExpectServerHello(state.settings(), second, new ExpectServerHello.Retry(transcript, suite),
                ccsSent);
    }

    /** The group the server asks for: one we support but sent no share for (RFC 8446 §4.2.8). */
    private static NamedGroup selectedGroup(ExpectServerHello state, ServerHello hrr) throws TlsFailure {
        Extension ks = hrr.extensions().find(ExtensionType.KEY_SHARE);
        if (ks == null) {
            return null;
        }
        NamedGroup group = KeyShareHelloRetryRequest.decode(ks.data()).selectedGroup();
        if (!state.settings().groups().contains(group)
                || !state.settings().backend().supportedGroups().contains(group)) {
            throw ExpectServerHello.illegal(Reason.UNOFFERED_GROUP,
                    "hello retry request selected a group we did not offer (" + group + ")");
        }
        if (state.offer().shares().containsKey(group)) {
            throw ExpectServerHello.illegal(Reason.HELLO_RETRY_REQUEST_NOT_CHANGED,
                    "hello retry request selected a group we already sent a share for (" + group + ")");
        }
        return group;
    }
}
