package org.layer45.keyschedule;

import org.layer45.crypto.Hkdf;

/**
 * The second stage of the TLS 1.3 key schedule (RFC 8446 §7.1): the Handshake Secret, from which
 * the handshake traffic secrets and the next stage ({@link MasterSecret}) are derived.
 */
public final class HandshakeSecret {
    private final Hkdf hkdf;
    private final byte[] secret;

    HandshakeSecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    /** client_handshake_traffic_secret = Derive-Secret(., "c hs traffic", ClientHello...ServerHello). */
    public TrafficSecret clientHandshakeTrafficSecret(byte[] thHelloToServerHello) {
        return new TrafficSecret(hkdf, KeySchedule.deriveSecret(hkdf, secret, "c hs traffic", thHelloToServerHello));
    }

    /** server_handshake_traffic_secret = Derive-Secret(., "s hs traffic", ClientHello...ServerHello). */
    public TrafficSecret serverHandshakeTrafficSecret(byte[] thHelloToServerHello) {
        return new TrafficSecret(hkdf, KeySchedule.deriveSecret(hkdf, secret, "s hs traffic", thHelloToServerHello));
    }

    /** Master Secret = HKDF-Extract(Derive-Secret(., "derived", ""), 0) (RFC 8446 §7.1). */
    public MasterSecret masterSecret() {
        byte[] derived = KeySchedule.deriveSecretEmpty(hkdf, secret, "derived");
        return new MasterSecret(hkdf, hkdf.extract(derived, new byte[hkdf.hashLength()]));
    }

    /** A copy of the Handshake Secret itself (for tests). */
    public byte[] secret() {
        return secret.clone();
    }

    public Hkdf hkdf() {
        return hkdf;
    }
}
