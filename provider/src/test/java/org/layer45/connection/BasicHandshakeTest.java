package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.NamedGroup;

/** A plain 1-RTT handshake with application data both ways. */
class BasicHandshakeTest {

    static Config server(CertifiedKey key) {
        return Config.builder().certificateSelector(CertificateSelector.fixed(key)).build();
    }

    static Config client(CertifiedKey key) {
        return Config.builder().serverName("example.test")
                .peerVerifier(TrustedCertificatesVerifier.pkix(List.of(key.chain().get(0)))).build();
    }

    @Test
    void fullHandshakeAndData() throws Exception {
        CertifiedKey key = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
        Pump p = new Pump(client(key), server(key)).handshake();
        assertNull(p.clientSide.failure, () -> String.valueOf(p.clientSide.failure));
        assertNull(p.serverSide.failure, () -> String.valueOf(p.serverSide.failure));
        assertTrue(p.client.isHandshakeComplete());
        assertTrue(p.server.isHandshakeComplete());
        assertEquals(NamedGroup.X25519_MLKEM768, p.client.session().group());
        assertFalse(p.client.session().resumed());
        assertEquals("example.test", p.server.session().serverName());
        p.send(p.client, "hello server".getBytes());
        p.send(p.server, "hello client".getBytes());
        p.run();
        assertArrayEquals("hello server".getBytes(), p.serverSide.takeReceived());
        assertArrayEquals("hello client".getBytes(), p.clientSide.takeReceived());
        assertArrayEquals(p.client.exportKeyingMaterial("EXPORTER-test", new byte[0], 32),
                p.server.exportKeyingMaterial("EXPORTER-test", new byte[0], 32));
        assertEquals("ClientTraffic", p.client.stateName());
        assertEquals("ServerTraffic", p.server.stateName());
    }

    @Test
    void largeDataIsFragmented() throws Exception {
        CertifiedKey key = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);
        Pump p = new Pump(client(key), server(key)).handshake();
        byte[] big = new byte[100_000];
        new java.util.Random(1).nextBytes(big);
        p.send(p.client, big);
        assertArrayEquals(big, p.serverSide.takeReceived());
    }
}
