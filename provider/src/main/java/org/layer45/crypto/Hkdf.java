package org.layer45.crypto;

/**
 * HKDF (RFC 5869) and the hash it is built on, bound to one hash function ("SHA-256" or
 * "SHA-384"): everything the TLS 1.3 key schedule and transcript need from that hash.
 */
public interface Hkdf {
    /** "SHA-256" or "SHA-384". */
    String hashName();

    /** Hash output length in bytes. */
    int hashLength();

    /** HKDF-Extract(salt, IKM); a null or empty salt means HashLen zero bytes (RFC 5869 §2.2). */
    byte[] extract(byte[] salt, byte[] ikm);

    /** HKDF-Expand(PRK, info, L). */
    byte[] expand(byte[] prk, byte[] info, int length);

    /** HMAC-Hash(key, data). */
    byte[] hmac(byte[] key, byte[] data);

    /** Hash(data). */
    byte[] digest(byte[] data);

    /** A fresh incremental hash for a handshake transcript. */
    TranscriptHash newTranscriptHash();
}
