package org.layer45.handshake;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.layer45.crypto.Hkdf;
import org.layer45.message.HandshakeMessage;

/**
 * The TLS 1.2 handshake_messages (RFC 5246 §7.4.8, §7.4.9): every handshake message sent and
 * received, as the exact bytes on the wire, excluding HelloRequest and ChangeCipherSpec. Kept in full
 * because the 1.2 CertificateVerify signs the messages themselves, not their hash; the hash for
 * Finished and the extended master secret (RFC 7627 §3) is taken with the suite's PRF hash.
 */
public final class Transcript12 {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final List<Integer> types = new ArrayList<>();

    /** Adds a message's bytes (header included); returns them for chaining. */
    public byte[] add(byte[] encoded) {
        bytes.write(encoded, 0, encoded.length);
        types.add(encoded[0] & 0xFF);
        return encoded;
    }

    /** Encodes {@code message}, adds it and returns the bytes to send. */
    public byte[] add(HandshakeMessage message) {
        return add(message.encode());
    }

    /** All handshake messages so far (the 1.2 CertificateVerify input, RFC 5246 §7.4.8). */
    public byte[] messages() {
        return bytes.toByteArray();
    }

    /** Hash(handshake_messages) with the PRF hash of {@code hkdf}. */
    public byte[] hash(Hkdf hkdf) {
        return hkdf.digest(bytes.toByteArray());
    }

    /** The handshake types added, in order. */
    public List<Integer> messageTypes() {
        return Collections.unmodifiableList(types);
    }
}
