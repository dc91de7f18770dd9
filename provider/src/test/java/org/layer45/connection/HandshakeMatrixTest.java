package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;

/** Every suite × group × certificate type: handshake plus application data both ways. */
class HandshakeMatrixTest {
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519,
            NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.X448,
            NamedGroup.SECP256R1_MLKEM768);

    static Stream<Arguments> matrix() {
        List<NamedGroup> available = DefaultCryptoBackend.create().supportedGroups();
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.TLS13_ALL) {
            for (NamedGroup group : GROUPS) {
                if (!available.contains(group)) {
                    continue;
                }
                for (TestCertificates.Kind kind : TestCertificates.Kind.values()) {
                    out.add(Arguments.of(suite, group, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void handshakeAndData(CipherSuite suite, NamedGroup group, TestCertificates.Kind kind) throws Exception {
        CertifiedKey key = TestCertificates.get(kind);
        Config server = Config.builder().certificateSelector(CertificateSelector.fixed(key))
                .groups(List.of(group)).build();
        Config client = Config.builder().serverName("matrix.test").cipherSuites(List.of(suite))
                .groups(List.of(group)).keyShareGroups(List.of(group))
                .peerVerifier(TrustedCertificatesVerifier.pinned(key.chain())).build();
        Pump p = new Pump(client, server).handshake();
        assertNull(p.clientSide.failure, () -> "client: " + p.clientSide.failure);
        assertNull(p.serverSide.failure, () -> "server: " + p.serverSide.failure);
        assertEquals(suite, p.client.session().suite());
        assertEquals(group, p.server.session().group());
        p.send(p.client, "from client".getBytes());
        p.send(p.server, "from server".getBytes());
        assertArrayEquals("from client".getBytes(), p.serverSide.takeReceived());
        assertArrayEquals("from server".getBytes(), p.clientSide.takeReceived());
    }
}
