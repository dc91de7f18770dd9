package org.layer45.handshake.server.tls12;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;

/**
 * A TLS 1.2 server handshake state (DESIGN.md §4). Each state accepts only the messages RFC 5246
 * allows next (a received ChangeCipherSpec arrives as {@link org.layer45.message.ChangeCipherSpec})
 * and returns the following state; anything else is unexpected_message.
 */
public sealed interface Server12State permits ExpectClientCertificate12, ExpectClientKeyExchange,
        ExpectClientCertificateVerify12, ExpectClientChangeCipherSpec, ExpectClientFinished12, ServerTraffic12 {

    Server12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure;
}
