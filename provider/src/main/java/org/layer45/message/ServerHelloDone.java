package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/** TLS 1.2 ServerHelloDone (RFC 5246 §7.4.5): {@code struct { } ServerHelloDone;} — an empty body. */
public record ServerHelloDone() implements HandshakeMessage {

    /** Reads the body, which must be empty. */
    public static ServerHelloDone read(TlsReader body) throws TlsFailure {
        body.expectEnd("server_hello_done");
        return new ServerHelloDone();
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        // RFC 5246 §7.4.5: empty.
    }
}
