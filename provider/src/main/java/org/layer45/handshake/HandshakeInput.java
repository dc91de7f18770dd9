package org.layer45.handshake;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.RawHandshake;
import org.layer45.message.HandshakeMessage;

/**
 * One received handshake message: the decoded record and the exact bytes received (for the
 * transcript and PSK binders). States call {@link #require} first (DESIGN.md §4): a message of any
 * other type is an unexpected_message, which rules out SMACK-style state confusion by construction.
 *
 * @param raw     the received bytes
 * @param message the decoded message
 */
public record HandshakeInput(RawHandshake raw, HandshakeMessage message) {

    /** The message as {@code type}, else unexpected_message (RFC 8446 §6.2). */
    public <T extends HandshakeMessage> T require(Class<T> type) throws TlsFailure {
        if (!type.isInstance(message)) {
            throw unexpected(type.getSimpleName());
        }
        return type.cast(message);
    }

    /** Whether the message is a {@code type}. */
    public boolean is(Class<? extends HandshakeMessage> type) {
        return type.isInstance(message);
    }

    /** The exact bytes received, header included. */
    public byte[] encoded() {
        return raw.encoded();
    }

    /** An unexpected_message failure naming what was expected and what came. */
    public TlsFailure unexpected(String expected) {
        return TlsFailure.unexpectedMessage("expected " + expected + ", received "
                + HandshakeType.name(raw.type()));
    }
}
