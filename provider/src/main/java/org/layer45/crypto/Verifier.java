package org.layer45.crypto;

import org.layer45.iana.SignatureScheme;

/** Verifies signatures of one public key under one signature scheme. */
public interface Verifier {
    SignatureScheme scheme();

    /** False for a wrong or malformed signature; never throws for bad input. */
    boolean verify(byte[] message, byte[] signature);
}
