package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * KeyUpdate (RFC 8446 §4.6.3): {@code KeyUpdateRequest request_update} with update_not_requested(0)
 * and update_requested(1). RFC 8446 §4.6.3: "If an implementation receives any other value, it MUST
 * terminate the connection with an "illegal_parameter" alert."
 *
 * @param updateRequested whether the peer must update its sending keys too
 */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {
    /** update_not_requested. */
    public static final int UPDATE_NOT_REQUESTED = 0;
    /** update_requested. */
    public static final int UPDATE_REQUESTED = 1;

    /** Reads the body; consumes all of it. */
    public static KeyUpdate read(TlsReader body) throws TlsFailure {
        int v = body.u8("request_update");
        body.expectEnd("key_update");
        if (v != UPDATE_NOT_REQUESTED && v != UPDATE_REQUESTED) {
            throw TlsFailure.illegalParameter("key_update request_update value " + v);
        }
        return new KeyUpdate(v == UPDATE_REQUESTED);
    }

    @Override
    public int type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u8(updateRequested ? UPDATE_REQUESTED : UPDATE_NOT_REQUESTED);
    }
}
