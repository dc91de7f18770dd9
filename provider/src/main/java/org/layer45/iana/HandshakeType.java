package org.layer45.iana;

/** Handshake message types (RFC 8446 §4, B.3). */
public final class HandshakeType {
    public static final int HELLO_REQUEST = 0;
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int NEW_SESSION_TICKET = 4;
    public static final int END_OF_EARLY_DATA = 5;
    public static final int ENCRYPTED_EXTENSIONS = 8;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int CLIENT_KEY_EXCHANGE = 16;
    public static final int FINISHED = 20;
    /** RFC 6066 §8: TLS 1.2 only (TLS 1.3 carries the status in the Certificate, RFC 8446 §4.4.2.1). */
    public static final int CERTIFICATE_STATUS = 22;
    public static final int KEY_UPDATE = 24;
    public static final int MESSAGE_HASH = 254;

    private HandshakeType() {
    }

    public static String name(int type) {
        return switch (type) {
            case HELLO_REQUEST -> "hello_request";
            case CLIENT_HELLO -> "client_hello";
            case SERVER_HELLO -> "server_hello";
            case NEW_SESSION_TICKET -> "new_session_ticket";
            case END_OF_EARLY_DATA -> "end_of_early_data";
            case ENCRYPTED_EXTENSIONS -> "encrypted_extensions";
            case CERTIFICATE -> "certificate";
            case SERVER_KEY_EXCHANGE -> "server_key_exchange";
            case CERTIFICATE_REQUEST -> "certificate_request";
            case SERVER_HELLO_DONE -> "server_hello_done";
            case CERTIFICATE_VERIFY -> "certificate_verify";
            case CLIENT_KEY_EXCHANGE -> "client_key_exchange";
            case FINISHED -> "finished";
            case CERTIFICATE_STATUS -> "certificate_status";
            case KEY_UPDATE -> "key_update";
            case MESSAGE_HASH -> "message_hash";
            default -> "unknown(" + type + ")";
        };
    }
}
