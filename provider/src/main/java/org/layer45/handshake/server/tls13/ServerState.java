package org.layer45.handshake.server.tls13;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;

/**
 * A TLS 1.3 server handshake state (DESIGN.md §4). Each state accepts only the messages RFC 8446
 * allows next and returns the following state; anything else is unexpected_message.
 */
public sealed interface ServerState permits ExpectClientHello, ExpectSecondClientHello, ExpectClientCertificate,
        ExpectClientCertificateVerify, ExpectClientFinished, ServerTraffic {

    ServerState handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure;

    /** Whether the handshake is over. */
    default boolean isTraffic() {
        return false;
    }
}
