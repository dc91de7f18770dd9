package org.layer45.iana;

/** Extension type code points (RFC 8446 §4.2, RFC 6066, RFC 7301, RFC 7627, RFC 5746, RFC 8422). */
public final class ExtensionType {
    public static final int SERVER_NAME = 0;
    public static final int MAX_FRAGMENT_LENGTH = 1;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int USE_SRTP = 14;
    public static final int HEARTBEAT = 15;
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    public static final int SIGNED_CERTIFICATE_TIMESTAMP = 18;
    public static final int CLIENT_CERTIFICATE_TYPE = 19;
    public static final int SERVER_CERTIFICATE_TYPE = 20;
    public static final int PADDING = 21;
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int COMPRESS_CERTIFICATE = 27;
    public static final int RECORD_SIZE_LIMIT = 28;
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int CERTIFICATE_AUTHORITIES = 47;
    public static final int OID_FILTERS = 48;
    public static final int POST_HANDSHAKE_AUTH = 49;
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xFF01;

    private ExtensionType() {
    }

    public static String name(int type) {
        return switch (type) {
            case SERVER_NAME -> "server_name";
            case MAX_FRAGMENT_LENGTH -> "max_fragment_length";
            case STATUS_REQUEST -> "status_request";
            case SUPPORTED_GROUPS -> "supported_groups";
            case EC_POINT_FORMATS -> "ec_point_formats";
            case SIGNATURE_ALGORITHMS -> "signature_algorithms";
            case USE_SRTP -> "use_srtp";
            case HEARTBEAT -> "heartbeat";
            case APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> "application_layer_protocol_negotiation";
            case SIGNED_CERTIFICATE_TIMESTAMP -> "signed_certificate_timestamp";
            case CLIENT_CERTIFICATE_TYPE -> "client_certificate_type";
            case SERVER_CERTIFICATE_TYPE -> "server_certificate_type";
            case PADDING -> "padding";
            case ENCRYPT_THEN_MAC -> "encrypt_then_mac";
            case EXTENDED_MASTER_SECRET -> "extended_master_secret";
            case COMPRESS_CERTIFICATE -> "compress_certificate";
            case RECORD_SIZE_LIMIT -> "record_size_limit";
            case SESSION_TICKET -> "session_ticket";
            case PRE_SHARED_KEY -> "pre_shared_key";
            case EARLY_DATA -> "early_data";
            case SUPPORTED_VERSIONS -> "supported_versions";
            case COOKIE -> "cookie";
            case PSK_KEY_EXCHANGE_MODES -> "psk_key_exchange_modes";
            case CERTIFICATE_AUTHORITIES -> "certificate_authorities";
            case OID_FILTERS -> "oid_filters";
            case POST_HANDSHAKE_AUTH -> "post_handshake_auth";
            case SIGNATURE_ALGORITHMS_CERT -> "signature_algorithms_cert";
            case KEY_SHARE -> "key_share";
            case RENEGOTIATION_INFO -> "renegotiation_info";
            default -> String.format("unknown(0x%04x)", type);
        };
    }
}
