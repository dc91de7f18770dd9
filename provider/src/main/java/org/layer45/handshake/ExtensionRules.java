package org.layer45.handshake;

import java.util.Set;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;

/**
 * RFC 8446 §4.2: a client receiving an extension it did not offer aborts with unsupported_extension;
 * an offered extension that may not appear in this message aborts with illegal_parameter.
 */
public final class ExtensionRules {
    /** Extensions permitted in a ServerHello (RFC 8446 §4.2 table, "SH"). */
    public static final Set<Integer> SERVER_HELLO = Set.of(ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.KEY_SHARE, ExtensionType.PRE_SHARED_KEY);
    /** Extensions permitted in a HelloRetryRequest ("HRR"). */
    public static final Set<Integer> HELLO_RETRY_REQUEST = Set.of(ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.KEY_SHARE, ExtensionType.COOKIE);
    /** Extensions permitted in EncryptedExtensions ("EE"). */
    public static final Set<Integer> ENCRYPTED_EXTENSIONS = Set.of(ExtensionType.SERVER_NAME,
            ExtensionType.MAX_FRAGMENT_LENGTH, ExtensionType.SUPPORTED_GROUPS, ExtensionType.USE_SRTP,
            ExtensionType.HEARTBEAT, ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
            ExtensionType.CLIENT_CERTIFICATE_TYPE, ExtensionType.SERVER_CERTIFICATE_TYPE,
            ExtensionType.EARLY_DATA, ExtensionType.RECORD_SIZE_LIMIT);

    private ExtensionRules() {
    }

    /** Checks a server message's extensions against what the client offered and what the message permits. */
    public static void checkServerExtensions(Extensions received, Extensions offered, Set<Integer> permitted,
            String message) throws TlsFailure {
        for (Extension e : received.list()) {
            // RFC 8446 §4.2.2: the server originates the cookie in a HelloRetryRequest.
            boolean serverInitiated = e.type() == ExtensionType.COOKIE && permitted == HELLO_RETRY_REQUEST;
            if (!offered.has(e.type()) && !serverInitiated) {
                throw new TlsFailure(AlertDescription.UNSUPPORTED_EXTENSION, Reason.UNSOLICITED_EXTENSION,
                        message + " carries an extension we did not offer (" + ExtensionType.name(e.type()) + ")");
            }
            if (!permitted.contains(e.type())) {
                throw new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.ILLEGAL_PARAMETER,
                        message + " may not carry " + ExtensionType.name(e.type()));
            }
        }
    }

    /** missing_extension for a required extension (RFC 8446 §9.2). */
    public static Extension require(Extensions extensions, int type, String message) throws TlsFailure {
        Extension e = extensions.find(type);
        if (e == null) {
            throw new TlsFailure(AlertDescription.MISSING_EXTENSION, Reason.MISSING_EXTENSION,
                    message + " lacks " + ExtensionType.name(type));
        }
        return e;
    }
}
