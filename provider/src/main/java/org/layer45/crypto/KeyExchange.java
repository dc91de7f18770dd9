package org.layer45.crypto;

import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;

/**
 * Key agreement for one named group (RFC 8446 §4.2.8): ECDHE, X25519 / X448, or a hybrid
 * ML-KEM group where the client sends an encapsulation key and the server answers with a
 * ciphertext. Every received share is validated; an invalid one fails with {@code illegal_parameter}.
 */
public interface KeyExchange {
    NamedGroup group();

    /** Client side: a fresh ephemeral key pair (drawing randomness from the backend's random). */
    ClientKeyShare generate() throws TlsFailure;

    /** Server side: answers a client share with the server share and the shared secret. */
    ServerKeyShare respond(byte[] clientShare) throws TlsFailure;

    /** A client's pending key share: its public bytes, and how to finish with the server's. */
    interface ClientKeyShare {
        NamedGroup group();

        /** The key_exchange bytes of the KeyShareEntry. */
        byte[] publicShare();

        /** The shared secret, given the server's key_exchange bytes. */
        byte[] complete(byte[] serverShare) throws TlsFailure;
    }

    /** The server's answer: its key_exchange bytes and the shared secret. */
    record ServerKeyShare(byte[] publicShare, byte[] sharedSecret) {
    }
}
