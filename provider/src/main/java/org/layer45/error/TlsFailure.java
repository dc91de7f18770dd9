package org.layer45.error;

/**
 * The one checked failure of the protocol core: the alert to send to the peer, the specific cause,
 * and a lower-case, secret-free detail such as
 * "server selected a group it was not offered (0x0017)". Detected where the fault is found; the
 * connection sends the alert in one place and becomes terminal.
 */
public final class TlsFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;
    private final Reason reason;

    public TlsFailure(AlertDescription alert, Reason reason, String detail) {
        super(detail);
        this.alert = alert;
        this.reason = reason;
    }

    public TlsFailure(AlertDescription alert, Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.alert = alert;
        this.reason = reason;
    }

    public static TlsFailure decodeError(String detail) {
        return new TlsFailure(AlertDescription.DECODE_ERROR, Reason.MALFORMED_MESSAGE, detail);
    }

    public static TlsFailure illegalParameter(String detail) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.ILLEGAL_PARAMETER, detail);
    }

    public static TlsFailure unexpectedMessage(String detail) {
        return new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.UNEXPECTED_MESSAGE, detail);
    }

    public static TlsFailure internal(String detail, Throwable cause) {
        return new TlsFailure(AlertDescription.INTERNAL_ERROR, Reason.INTERNAL, detail, cause);
    }

    /** The alert sent (or, for {@link Reason#PEER_ALERT}, received). */
    public AlertDescription alert() {
        return alert;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "TlsFailure[" + alert + ", " + reason + "]: " + getMessage();
    }
}
