package org.layer45.jsse;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;

/**
 * Turns the core's {@link TlsFailure} into the {@link SSLException} subclass JSSE callers expect
 * (DESIGN.md §7): {@link SSLHandshakeException} while handshaking, {@link SSLProtocolException}
 * afterwards. The message is the failure's detail plus the alert that was sent or received, e.g.
 * "server certificate rejected: ... (sent alert certificate_unknown)".
 */
final class Failures {
    private Failures() {
    }

    static SSLException toException(TlsFailure f, boolean handshaking) {
        String direction = f.reason() == Reason.PEER_ALERT ? "received" : "sent";
        String message = f.detail() + " (" + direction + " alert " + f.alert().name() + ")";
        SSLException e = handshaking ? new SSLHandshakeException(message) : new SSLProtocolException(message);
        e.initCause(f);
        return e;
    }
}
