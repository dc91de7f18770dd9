package org.layer45.message;

import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;

/**
 * An alert record body (RFC 8446 §6): {@code AlertLevel level; AlertDescription description}, two bytes.
 * A body of another length → decode_error; a level other than warning(1) / fatal(2) → illegal_parameter.
 * Unknown descriptions are kept (open registry).
 *
 * @param level {@link #WARNING} or {@link #FATAL}
 * @param description the alert description
 */
public record Alert(int level, AlertDescription description) {
    /** AlertLevel warning. */
    public static final int WARNING = 1;
    /** AlertLevel fatal. */
    public static final int FATAL = 2;
    /** Encoded length of an alert. */
    public static final int LENGTH = 2;

    /** A fatal alert. */
    public static Alert fatal(AlertDescription description) {
        return new Alert(FATAL, description);
    }

    /** close_notify, sent as a warning (RFC 8446 §6.1). */
    public static Alert closeNotify() {
        return new Alert(WARNING, AlertDescription.CLOSE_NOTIFY);
    }

    /** Reads an alert that must be all of the reader's remaining bytes. */
    public static Alert read(TlsReader r) throws TlsFailure {
        if (r.remaining() != LENGTH) {
            throw TlsFailure.decodeError("alert of " + r.remaining() + " bytes");
        }
        int level = r.u8("alert level");
        int description = r.u8("alert description");
        r.expectEnd("alert");
        if (level != WARNING && level != FATAL) {
            throw TlsFailure.illegalParameter("alert level " + level);
        }
        return new Alert(level, AlertDescription.of(description));
    }

    /** Decodes an alert record body. */
    public static Alert decode(byte[] data) throws TlsFailure {
        return read(new TlsReader(data));
    }

    /** Writes the two bytes. */
    public void write(TlsWriter w) {
        w.u8(level).u8(description.code());
    }

    /** The two encoded bytes. */
    public byte[] encode() {
        return new byte[] {(byte) level, (byte) description.code()};
    }

    /** Whether this is a fatal alert. */
    public boolean isFatal() {
        return level == FATAL;
    }
}
