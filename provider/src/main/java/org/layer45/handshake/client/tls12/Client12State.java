package org.layer45.handshake.client.tls12;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;

/**
 * A TLS 1.2 client handshake state (DESIGN.md §4). Each state accepts only the messages RFC 5246
 * allows next (a received ChangeCipherSpec arrives as {@link org.layer45.message.ChangeCipherSpec})
 * and returns the following state; anything else is unexpected_message.
 */
public sealed interface Client12State permits ExpectServerHello12, ExpectServerCertificate12, ExpectCertificateStatus,
        ExpectServerKeyExchange, ExpectCertificateRequestOrDone, ExpectServerHelloDone, ExpectServerChangeCipherSpec,
        ExpectServerFinished12, ClientTraffic12 {

    Client12State handle(HandshakeInput in, HandshakeOutput out) throws TlsFailure;
}
