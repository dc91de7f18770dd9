package org.layer45.keyschedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.layer45.testcrypto.Hex.concat;
import static org.layer45.testcrypto.Rfc8448.*;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.layer45.crypto.Hkdf;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.testcrypto.TestHkdf;

/**
 * The TLS 1.3 key schedule against RFC 8448 §3 (simple 1-RTT handshake) and §4 (resumed 0-RTT
 * handshake), every intermediate value in order. Transcript hashes are computed here from the
 * message bytes of the trace and checked against the hashes the trace prints.
 */
class KeyScheduleRfc8448Test {
    private final Hkdf h = TestHkdf.sha256();

    /** Server flight up to and including CertificateVerify (the Finished message is the last 36 bytes). */
    private static byte[] flightWithoutFinished() {
        return Arrays.copyOf(S3_SERVER_FLIGHT, S3_SERVER_FLIGHT.length - 36);
    }

    private byte[] hashChSh() {
        return h.digest(concat(S3_CLIENT_HELLO, S3_SERVER_HELLO));
    }

    private byte[] hashChSf() {
        return h.digest(concat(S3_CLIENT_HELLO, S3_SERVER_HELLO, S3_SERVER_FLIGHT));
    }

    private byte[] hashChCf() {
        return h.digest(concat(S3_CLIENT_HELLO, S3_SERVER_HELLO, S3_SERVER_FLIGHT, S3_CLIENT_FINISHED));
    }

    @Test
    void section3TranscriptHashesFromTheTraceMessages() {
        // RFC 8448 §3: the "hash" inputs printed for c hs traffic, c ap traffic and res master.
        assertArrayEquals(S3_HASH_CH_SH, hashChSh());
        assertArrayEquals(S3_HASH_CH_SF, hashChSf());
        assertArrayEquals(S3_HASH_CH_CF, hashChCf());
    }

    @Test
    void section3EarlySecretAndDerived() {
        // RFC 8448 §3 {server} extract secret "early"; derive secret for handshake "tls13 derived".
        EarlySecret early = EarlySecret.withoutPsk(h);
        assertArrayEquals(S3_EARLY_SECRET, early.secret());
        assertArrayEquals(S3_DERIVED_FOR_HANDSHAKE,
                KeySchedule.deriveSecret(h, early.secret(), "derived", h.digest(new byte[0])));
    }

    @Test
    void section3HandshakeSecretAndTrafficSecrets() {
        // RFC 8448 §3 {server} extract secret "handshake"; derive secret "tls13 c hs traffic" / "s hs traffic".
        HandshakeSecret hs = EarlySecret.withoutPsk(h).handshakeSecret(S3_ECDHE);
        assertArrayEquals(S3_HANDSHAKE_SECRET, hs.secret());
        TrafficSecret client = hs.clientHandshakeTrafficSecret(hashChSh());
        TrafficSecret server = hs.serverHandshakeTrafficSecret(hashChSh());
        assertArrayEquals(S3_C_HS_TRAFFIC, client.secret());
        assertArrayEquals(S3_S_HS_TRAFFIC, server.secret());

        // RFC 8448 §3 {server} derive write traffic keys for handshake data.
        TrafficKeys serverKeys = server.keys(AeadAlgorithm.AES_128_GCM);
        assertArrayEquals(S3_S_HS_KEY, serverKeys.key());
        assertArrayEquals(S3_S_HS_IV, serverKeys.iv());
        // RFC 8448 §3 {client} derive write traffic keys for handshake data.
        TrafficKeys clientKeys = client.keys(AeadAlgorithm.AES_128_GCM);
        assertArrayEquals(S3_C_HS_KEY, clientKeys.key());
        assertArrayEquals(S3_C_HS_IV, clientKeys.iv());
    }

    @Test
    void section3ServerFinished() {
        // RFC 8448 §3 {server} calculate finished "tls13 finished", over CH..CertificateVerify.
        TrafficSecret server = EarlySecret.withoutPsk(h).handshakeSecret(S3_ECDHE)
                .serverHandshakeTrafficSecret(hashChSh());
        assertArrayEquals(S3_S_FINISHED_KEY, server.finishedKey());
        byte[] th = h.digest(concat(S3_CLIENT_HELLO, S3_SERVER_HELLO, flightWithoutFinished()));
        byte[] verifyData = server.finishedVerifyData(th);
        assertArrayEquals(S3_S_VERIFY_DATA, verifyData);
        assertArrayEquals(S3_S_VERIFY_DATA, KeySchedule.finishedVerifyData(h, S3_S_HS_TRAFFIC, th));
        // And it is what the server's Finished message in the flight carries.
        assertArrayEquals(S3_S_VERIFY_DATA,
                Arrays.copyOfRange(S3_SERVER_FLIGHT, S3_SERVER_FLIGHT.length - 32, S3_SERVER_FLIGHT.length));
    }

    @Test
    void section3MasterSecretAndApplicationSecrets() {
        // RFC 8448 §3 {server} derive secret for master "tls13 derived"; extract secret "master".
        HandshakeSecret hs = EarlySecret.withoutPsk(h).handshakeSecret(S3_ECDHE);
        assertArrayEquals(S3_DERIVED_FOR_MASTER,
                KeySchedule.deriveSecret(h, hs.secret(), "derived", h.digest(new byte[0])));
        MasterSecret master = hs.masterSecret();
        assertArrayEquals(S3_MASTER_SECRET, master.secret());

        // RFC 8448 §3 derive secret "tls13 c ap traffic", "tls13 s ap traffic", "tls13 exp master".
        TrafficSecret client = master.clientApplicationTrafficSecret(hashChSf());
        TrafficSecret server = master.serverApplicationTrafficSecret(hashChSf());
        assertArrayEquals(S3_C_AP_TRAFFIC, client.secret());
        assertArrayEquals(S3_S_AP_TRAFFIC, server.secret());
        assertArrayEquals(S3_EXP_MASTER, master.exporterMasterSecret(hashChSf()));

        // RFC 8448 §3 derive write traffic keys for application data.
        TrafficKeys serverKeys = server.keys(AeadAlgorithm.AES_128_GCM);
        assertArrayEquals(S3_S_AP_KEY, serverKeys.key());
        assertArrayEquals(S3_S_AP_IV, serverKeys.iv());
        TrafficKeys clientKeys = client.keys(AeadAlgorithm.AES_128_GCM);
        assertArrayEquals(S3_C_AP_KEY, clientKeys.key());
        assertArrayEquals(S3_C_AP_IV, clientKeys.iv());
    }

    @Test
    void section3ClientFinishedResumptionMasterAndPsk() {
        HandshakeSecret hs = EarlySecret.withoutPsk(h).handshakeSecret(S3_ECDHE);
        TrafficSecret client = hs.clientHandshakeTrafficSecret(hashChSh());
        // RFC 8448 §3 {client} calculate finished "tls13 finished", over CH..server Finished.
        assertArrayEquals(S3_C_FINISHED_KEY, client.finishedKey());
        assertArrayEquals(S3_C_VERIFY_DATA, client.finishedVerifyData(hashChSf()));
        assertArrayEquals(S3_C_VERIFY_DATA, Arrays.copyOfRange(S3_CLIENT_FINISHED, 4, 36));

        // RFC 8448 §3 derive secret "tls13 res master", over CH..client Finished.
        byte[] resumptionMaster = hs.masterSecret().resumptionMasterSecret(hashChCf());
        assertArrayEquals(S3_RES_MASTER, resumptionMaster);
        // RFC 8448 §3 generate resumption secret "tls13 resumption" with the ticket's nonce 00 00.
        assertArrayEquals(S3_TICKET_NONCE, Arrays.copyOfRange(S3_NEW_SESSION_TICKET, 13, 15));
        assertArrayEquals(S3_RESUMPTION_PSK, KeySchedule.resumptionPsk(h, resumptionMaster, S3_TICKET_NONCE));
    }

    @Test
    void section4ResumedEarlySecretBinderAndEarlyTraffic() {
        // RFC 8448 §4 {client} extract secret "early" from the §3 resumption PSK.
        EarlySecret early = EarlySecret.withPsk(h, S3_RESUMPTION_PSK);
        assertArrayEquals(S4_EARLY_SECRET, early.secret());
        // RFC 8448 §4 derive secret "tls13 res binder"; calculate finished "tls13 finished" (binder).
        byte[] binderKey = early.binderKey(false);
        assertArrayEquals(S4_BINDER_KEY, binderKey);
        assertArrayEquals(S4_BINDER_FINISHED_KEY, KeySchedule.finishedKey(h, binderKey));
        assertArrayEquals(S4_BINDER, KeySchedule.finishedVerifyData(h, binderKey, S4_HASH_PARTIAL_CH));

        // RFC 8448 §4 derive secret "tls13 c e traffic" / "tls13 e exp master"; early data keys.
        TrafficSecret clientEarly = early.clientEarlyTrafficSecret(S4_HASH_CH);
        assertArrayEquals(S4_C_E_TRAFFIC, clientEarly.secret());
        assertArrayEquals(S4_E_EXP_MASTER, early.earlyExporterMasterSecret(S4_HASH_CH));
        TrafficKeys keys = clientEarly.keys(AeadAlgorithm.AES_128_GCM);
        assertArrayEquals(S4_EARLY_KEY, keys.key());
        assertArrayEquals(S4_EARLY_IV, keys.iv());
    }

    @Test
    void externalBinderUsesItsOwnLabel() {
        // RFC 8446 §7.1: "ext binder" for external PSKs, "res binder" for resumption.
        EarlySecret early = EarlySecret.withPsk(h, S3_RESUMPTION_PSK);
        byte[] ext = early.binderKey(true);
        assertArrayEquals(KeySchedule.deriveSecret(h, S4_EARLY_SECRET, "ext binder", h.digest(new byte[0])), ext);
        assertEquals(false, Arrays.equals(ext, early.binderKey(false)));
    }

    @Test
    void sha384EarlySecretWithoutPsk() {
        // HKDF-Extract(0^48, 0^48) with SHA-384: the TLS_AES_256_GCM_SHA384 early secret.
        Hkdf h384 = TestHkdf.sha384();
        assertArrayEquals(org.layer45.testcrypto.Hex.bytes(
                "7ee8206f5570023e6dc7519eb1073bc4e791ad37b5c382aa10ba18e2357e716971f9362f2c2fe2a76bfd78dfec4ea9b5"),
                EarlySecret.withoutPsk(h384).secret());
        TrafficKeys keys = EarlySecret.withoutPsk(h384).handshakeSecret(new byte[48])
                .clientHandshakeTrafficSecret(h384.digest(new byte[0])).keys(AeadAlgorithm.AES_256_GCM);
        assertEquals(32, keys.key().length);
        assertEquals(12, keys.iv().length);
    }

    @Test
    void section5HelloRetryRequestHandshakeSecret() {
        // RFC 8448 §5 {server} extract secret "handshake": the X25519 secret of the second
        // ClientHello's key share; the early secret is the same as §3 (no PSK).
        HandshakeSecret hs = EarlySecret.withoutPsk(h).handshakeSecret(org.layer45.testcrypto.Hex.bytes(
                "c142ce13ca11b5c2233652e63ad3d97844f1621fbfb9de69d547dc8fedeabeb4"));
        assertArrayEquals(org.layer45.testcrypto.Hex.bytes(
                "ce022e5e6e81e50736d773f2d3adfce8220d049bf510f0dbfac927ef4243b148"), hs.secret());
    }
}
