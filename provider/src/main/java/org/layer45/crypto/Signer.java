package org.layer45.crypto;

import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;

/** Signs with one private key under one signature scheme (RFC 8446 §4.4.3). */
public interface Signer {
    SignatureScheme scheme();

    byte[] sign(byte[] message) throws TlsFailure;
}
