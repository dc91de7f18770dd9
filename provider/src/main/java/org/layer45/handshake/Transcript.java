package org.layer45.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.layer45.crypto.Hkdf;
import org.layer45.crypto.TranscriptHash;
import org.layer45.iana.HandshakeType;
import org.layer45.message.HandshakeMessage;

/**
 * The running handshake transcript hash (RFC 8446 §4.4.1). Received messages are added as the exact
 * bytes that arrived, never re-encoded; our own messages as the bytes we send. Also remembers the
 * message types it saw, so tests can prove e.g. that a resumed handshake carried no Certificate.
 */
public final class Transcript {
    private final Hkdf hkdf;
    private final TranscriptHash hash;
    private final List<Integer> types;

    private Transcript(Hkdf hkdf, TranscriptHash hash, List<Integer> types) {
        this.hkdf = hkdf;
        this.hash = hash;
        this.types = types;
    }

    /** An empty transcript over the hash of {@code hkdf}. */
    public static Transcript start(Hkdf hkdf) {
        return new Transcript(hkdf, hkdf.newTranscriptHash(), new ArrayList<>());
    }

    /**
     * RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by the synthetic
     * message_hash message: handshake type 254, u24 length Hash.length, then Hash(ClientHello1).
     */
    public static Transcript afterHelloRetry(Hkdf hkdf, byte[] clientHello1) {
        byte[] digest = hkdf.digest(clientHello1);
        Transcript t = start(hkdf);
        byte[] header = {(byte) HandshakeType.MESSAGE_HASH, 0, 0, (byte) digest.length};
        t.hash.update(header);
        t.hash.update(digest);
        t.types.add(HandshakeType.MESSAGE_HASH);
        return t;
    }

    /** Adds a message's bytes (header included); returns them for chaining. */
    public byte[] add(byte[] encoded) {
        hash.update(encoded);
        types.add(encoded[0] & 0xFF);
        return encoded;
    }

    /** Encodes {@code message}, adds it and returns the bytes to send. */
    public byte[] add(HandshakeMessage message) {
        return add(message.encode());
    }

    /** Transcript-Hash of everything added so far. */
    public byte[] hash() {
        return hash.current();
    }

    /** Transcript-Hash of everything so far followed by {@code extra} (which is not added). */
    public byte[] hashWith(byte[] extra, int length) {
        TranscriptHash copy = hash.copy();
        copy.update(extra, 0, length);
        return copy.current();
    }

    public Hkdf hkdf() {
        return hkdf;
    }

    /** The handshake types added, in order (254 for a synthetic message_hash). */
    public List<Integer> messageTypes() {
        return Collections.unmodifiableList(types);
    }
}
