package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * TLS 1.2 HelloRequest (RFC 5246 §7.4.1.1): an empty body asking the client to renegotiate. We
 * never renegotiate; the client answers no_renegotiation (RFC 5746 §4.2).
 */
public record HelloRequest() implements HandshakeMessage {

    /** Reads the body, which must be empty. */
    public static HelloRequest read(TlsReader body) throws TlsFailure {
        body.expectEnd("hello_request");
        return new HelloRequest();
    }

    @Override
    public int type() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        // RFC 5246 §7.4.1.1: empty.
    }
}
