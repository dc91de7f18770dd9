package org.layer45.keyschedule;

import org.layer45.crypto.Hkdf;

/**
 * The last stage of the TLS 1.3 key schedule (RFC 8446 §7.1): the Master Secret, from which the
 * application traffic secrets, the exporter master secret and the resumption master secret come.
 */
public final class MasterSecret {
    private final Hkdf hkdf;
    private final byte[] secret;

    MasterSecret(Hkdf hkdf, byte[] secret) {
        this.hkdf = hkdf;
        this.secret = secret;
    }

    /** client_application_traffic_secret_0 = Derive-Secret(., "c ap traffic", ClientHello...server Finished). */
    public TrafficSecret clientApplicationTrafficSecret(byte[] thToServerFinished) {
        return new TrafficSecret(hkdf, KeySchedule.deriveSecret(hkdf, secret, "c ap traffic", thToServerFinished));
    }

    /** server_application_traffic_secret_0 = Derive-Secret(., "s ap traffic", ClientHello...server Finished). */
    public TrafficSecret serverApplicationTrafficSecret(byte[] thToServerFinished) {
        return new TrafficSecret(hkdf, KeySchedule.deriveSecret(hkdf, secret, "s ap traffic", thToServerFinished));
    }

    /** exporter_master_secret = Derive-Secret(., "exp master", ClientHello...server Finished). */
    public byte[] exporterMasterSecret(byte[] thToServerFinished) {
        return KeySchedule.deriveSecret(hkdf, secret, "exp master", thToServerFinished);
    }

    /** The exporter (RFC 8446 §7.5) keyed with the exporter_master_secret. */
    public Exporter exporter(byte[] thToServerFinished) {
        return new Exporter(hkdf, exporterMasterSecret(thToServerFinished));
    }

    /** resumption_master_secret = Derive-Secret(., "res master", ClientHello...client Finished). */
    public byte[] resumptionMasterSecret(byte[] thToClientFinished) {
        return KeySchedule.deriveSecret(hkdf, secret, "res master", thToClientFinished);
    }

    /** A copy of the Master Secret itself (for tests). */
    public byte[] secret() {
        return secret.clone();
    }

    public Hkdf hkdf() {
        return hkdf;
    }
}
