package org.layer45.iana;

/** Record content types (RFC 8446 §5.1). Plain constants: the record layer works on bytes. */
public final class ContentType {
    public static final int INVALID = 0;
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;

    private ContentType() {
    }

    public static String name(int type) {
        return switch (type) {
            case CHANGE_CIPHER_SPEC -> "change_cipher_spec";
            case ALERT -> "alert";
            case HANDSHAKE -> "handshake";
            case APPLICATION_DATA -> "application_data";
            default -> "unknown(" + type + ")";
        };
    }
}
