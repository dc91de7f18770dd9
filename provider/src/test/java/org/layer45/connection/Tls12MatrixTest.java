package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * TLS 1.2: every ECDHE AEAD suite × group (X25519, P-256, P-384, P-521) with the certificate type
 * its authentication needs (ECDSA P-256 or RSA 2048): handshake plus application data both ways.
 * The client offers TLS 1.3 + 1.2 and the server only TLS 1.2, so the version switch is exercised too.
 */
class Tls12MatrixTest {
    private static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1, NamedGroup.SECP521R1);

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : Config.DEFAULT_SUITES_12) {
            TestCertificates.Kind kind = Tls12Policy.isEcdsaSuite(suite) ? TestCertificates.Kind.ECDSA_P256
                    : TestCertificates.Kind.RSA_2048;
            for (NamedGroup group : GROUPS) {
                out.add(Arguments.of(suite, group, kind, true));
                out.add(Arguments.of(suite, group, kind, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} client13={3}")
    @MethodSource("matrix")
    void handshakeAndData(CipherSuite suite, NamedGroup group, TestCertificates.Kind kind, boolean client13)
            throws Exception {
        CertifiedKey key = TestCertificates.get(kind);
        Config server = Config.builder().certificateSelector(CertificateSelector.fixed(key))
                .enabledProtocols(List.of(ProtocolVersion.TLS12)).groups(List.of(group)).build();
        // RFC 8422 §5.3: the client's groups also govern the curve of an ECDSA certificate (P-256 here).
        List<NamedGroup> clientGroups = kind == TestCertificates.Kind.ECDSA_P256 && group != NamedGroup.SECP256R1
                ? List.of(group, NamedGroup.SECP256R1) : List.of(group);
        Config client = Config.builder().serverName("matrix.test").groups(clientGroups)
                .enabledProtocols(client13 ? List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)
                        : List.of(ProtocolVersion.TLS12))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, suite))
                .peerVerifier(TrustedCertificatesVerifier.pinned(key.chain())).build();
        Pump p = new Pump(client, server).handshake();
        assertNull(p.clientSide.failure, () -> "client: " + p.clientSide.failure);
        assertNull(p.serverSide.failure, () -> "server: " + p.serverSide.failure);
        assertEquals(ProtocolVersion.TLS12, p.client.session().version());
        assertEquals(ProtocolVersion.TLS12, p.server.session().version());
        assertEquals(suite, p.client.session().suite());
        assertEquals(group, p.server.session().group());
        assertEquals(group, p.client.session().group());
        assertFalse(p.client.session().resumed());
        p.send(p.client, "from client".getBytes());
        p.send(p.server, "from server".getBytes());
        assertArrayEquals("from client".getBytes(), p.serverSide.takeReceived());
        assertArrayEquals("from server".getBytes(), p.clientSide.takeReceived());
        byte[] big = new byte[40000];
        new java.util.Random(1).nextBytes(big);
        p.send(p.client, big);
        assertArrayEquals(big, p.serverSide.takeReceived());
    }
}
