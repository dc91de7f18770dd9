package org.layer45.error;

/**
 * A TLS alert description (RFC 8446 §6, registry "TLS Alerts"). An open registry: unknown codes
 * received from a peer are kept as they are, with a generated name.
 */
public record AlertDescription(int code, String name) {

    public static final AlertDescription CLOSE_NOTIFY = new AlertDescription(0, "close_notify");
    public static final AlertDescription UNEXPECTED_MESSAGE = new AlertDescription(10, "unexpected_message");
    public static final AlertDescription BAD_RECORD_MAC = new AlertDescription(20, "bad_record_mac");
    public static final AlertDescription RECORD_OVERFLOW = new AlertDescription(22, "record_overflow");
    public static final AlertDescription HANDSHAKE_FAILURE = new AlertDescription(40, "handshake_failure");
    public static final AlertDescription BAD_CERTIFICATE = new AlertDescription(42, "bad_certificate");
    public static final AlertDescription UNSUPPORTED_CERTIFICATE = new AlertDescription(43, "unsupported_certificate");
    public static final AlertDescription CERTIFICATE_REVOKED = new AlertDescription(44, "certificate_revoked");
    public static final AlertDescription CERTIFICATE_EXPIRED = new AlertDescription(45, "certificate_expired");
    public static final AlertDescription CERTIFICATE_UNKNOWN = new AlertDescription(46, "certificate_unknown");
    public static final AlertDescription ILLEGAL_PARAMETER = new AlertDescription(47, "illegal_parameter");
    public static final AlertDescription UNKNOWN_CA = new AlertDescription(48, "unknown_ca");
    public static final AlertDescription ACCESS_DENIED = new AlertDescription(49, "access_denied");
    public static final AlertDescription DECODE_ERROR = new AlertDescription(50, "decode_error");
    public static final AlertDescription DECRYPT_ERROR = new AlertDescription(51, "decrypt_error");
    public static final AlertDescription PROTOCOL_VERSION = new AlertDescription(70, "protocol_version");
    public static final AlertDescription INSUFFICIENT_SECURITY = new AlertDescription(71, "insufficient_security");
    public static final AlertDescription INTERNAL_ERROR = new AlertDescription(80, "internal_error");
    public static final AlertDescription INAPPROPRIATE_FALLBACK = new AlertDescription(86, "inappropriate_fallback");
    public static final AlertDescription USER_CANCELED = new AlertDescription(90, "user_canceled");
    public static final AlertDescription NO_RENEGOTIATION = new AlertDescription(100, "no_renegotiation");
    public static final AlertDescription MISSING_EXTENSION = new AlertDescription(109, "missing_extension");
    public static final AlertDescription UNSUPPORTED_EXTENSION = new AlertDescription(110, "unsupported_extension");
    public static final AlertDescription UNRECOGNIZED_NAME = new AlertDescription(112, "unrecognized_name");
    public static final AlertDescription BAD_CERTIFICATE_STATUS_RESPONSE =
            new AlertDescription(113, "bad_certificate_status_response");
    public static final AlertDescription UNKNOWN_PSK_IDENTITY = new AlertDescription(115, "unknown_psk_identity");
    public static final AlertDescription CERTIFICATE_REQUIRED = new AlertDescription(116, "certificate_required");
    public static final AlertDescription NO_APPLICATION_PROTOCOL = new AlertDescription(120, "no_application_protocol");

    private static final AlertDescription[] KNOWN = {
        CLOSE_NOTIFY, UNEXPECTED_MESSAGE, BAD_RECORD_MAC, RECORD_OVERFLOW, HANDSHAKE_FAILURE, BAD_CERTIFICATE,
        UNSUPPORTED_CERTIFICATE, CERTIFICATE_REVOKED, CERTIFICATE_EXPIRED, CERTIFICATE_UNKNOWN, ILLEGAL_PARAMETER,
        UNKNOWN_CA, ACCESS_DENIED, DECODE_ERROR, DECRYPT_ERROR, PROTOCOL_VERSION, INSUFFICIENT_SECURITY,
        INTERNAL_ERROR, INAPPROPRIATE_FALLBACK, USER_CANCELED, NO_RENEGOTIATION, MISSING_EXTENSION,
        UNSUPPORTED_EXTENSION, UNRECOGNIZED_NAME, BAD_CERTIFICATE_STATUS_RESPONSE, UNKNOWN_PSK_IDENTITY,
        CERTIFICATE_REQUIRED, NO_APPLICATION_PROTOCOL,
    };

    /** The alert for a wire code; unknown codes get the name {@code unknown(N)}. */
    public static AlertDescription of(int code) {
        for (AlertDescription a : KNOWN) {
            if (a.code == code) {
                return a;
            }
        }
        return new AlertDescription(code, "unknown(" + code + ")");
    }

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
