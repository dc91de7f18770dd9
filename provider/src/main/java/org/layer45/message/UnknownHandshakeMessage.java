package org.layer45.message;

import org.layer45.iana.HandshakeType;

/**
 * A handshake message of a type {@link HandshakeMessages#decode13} does not decode (TLS 1.2 types,
 * hello_request, unassigned codes). The state machine rejects it with unexpected_message.
 *
 * @param type the handshake type code
 * @param body the body bytes, as received
 */
public record UnknownHandshakeMessage(int type, byte[] body) implements HandshakeMessage {

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(body);
    }

    @Override
    public String toString() {
        return "UnknownHandshakeMessage[" + HandshakeType.name(type) + ", " + body.length + " bytes]";
    }
}
