package org.layer45.crypto;

/** An incremental hash whose current value can be read without ending it (RFC 8446 §4.4.1). */
public interface TranscriptHash {
    void update(byte[] data, int offset, int length);

    default void update(byte[] data) {
        update(data, 0, data.length);
    }

    /** The hash of everything added so far; more may be added afterwards. */
    byte[] current();

    /** An independent copy in the same state. */
    TranscriptHash copy();

    int length();
}
