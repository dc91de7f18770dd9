package org.layer45.error;

/**
 * Why a connection failed: one specific cause per value, so tests and callers can tell failures
 * apart without parsing messages. The alert sent is chosen where the failure is detected; the
 * reason only names the cause.
 */
public enum Reason {
    // framing and records
    MALFORMED_MESSAGE,
    TRAILING_DATA,
    RECORD_TOO_LARGE,
    BAD_RECORD_MAC,
    UNKNOWN_CONTENT_TYPE,
    EMPTY_RECORD,
    INVALID_PADDING,
    INTERLEAVED_MESSAGE,
    HANDSHAKE_NOT_ON_RECORD_BOUNDARY,
    MESSAGE_TOO_LARGE,
    INVALID_CHANGE_CIPHER_SPEC,
    TOO_MANY_EMPTY_RECORDS,
    KEY_USAGE_LIMIT,
    // message flow
    UNEXPECTED_MESSAGE,
    UNEXPECTED_RECORD,
    DUPLICATE_EXTENSION,
    UNSOLICITED_EXTENSION,
    MISSING_EXTENSION,
    ILLEGAL_PARAMETER,
    // negotiation
    UNSUPPORTED_VERSION,
    DOWNGRADE_DETECTED,
    NO_COMMON_CIPHER_SUITE,
    NO_COMMON_GROUP,
    NO_COMMON_SIGNATURE_SCHEME,
    NO_APPLICATION_PROTOCOL,
    UNOFFERED_CIPHER_SUITE,
    UNOFFERED_GROUP,
    UNOFFERED_SIGNATURE_SCHEME,
    INVALID_KEY_SHARE,
    SECOND_HELLO_RETRY_REQUEST,
    HELLO_RETRY_REQUEST_NOT_CHANGED,
    INVALID_COOKIE,
    // authentication
    NO_CERTIFICATE,
    CERTIFICATE_REQUIRED,
    CERTIFICATE_REJECTED,
    BAD_SIGNATURE,
    BAD_FINISHED,
    // resumption
    BAD_BINDER,
    INVALID_PSK,
    // peer and local state
    PEER_ALERT,
    PEER_CLOSED,
    CONNECTION_CLOSED,
    INTERNAL,
}
