package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.handshake.CertificateSelector;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;

/**
 * TLS 1.2 interop with the JDK's own SunJSSE SSLEngine, in memory, both roles, every suite and group
 * (and mutual authentication): the sans-I/O connection on one side, SunJSSE on the other.
 */
class Tls12SunJsseInteropTest {
    private static final CertifiedKey CLIENT_KEY = TestCertificates.get(TestCertificates.Kind.ECDSA_P256);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : Config.DEFAULT_SUITES_12) {
            for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
                    NamedGroup.SECP521R1)) {
                out.add(Arguments.of(s, g, true));
                out.add(Arguments.of(s, g, false));
            }
        }
        return out.stream();
    }

    private static CertifiedKey keyFor(CipherSuite suite) {
        return TestCertificates.get(Tls12Policy.isEcdsaSuite(suite) ? TestCertificates.Kind.ECDSA_P256
                : TestCertificates.Kind.RSA_2048);
    }

    /**
     * SunJSSE (like OpenSSL) applies supported_groups to the server's ECDSA certificate curve in TLS 1.2
     * (RFC 4492 §5.1), so P-256 (our certificate's curve) follows the group under test.
     */
    private static List<NamedGroup> clientGroups(CipherSuite suite, NamedGroup group) {
        return Tls12Policy.isEcdsaSuite(suite) && group != NamedGroup.SECP256R1 ? List.of(group, NamedGroup.SECP256R1)
                : List.of(group);
    }

    private static SSLContext sunJsse(CertifiedKey own, CertifiedKey trusted) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", own.key(), "pw".toCharArray(), own.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
        kmf.init(ks, "pw".toCharArray());
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("t", trusted.chain().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @ParameterizedTest(name = "{0} {1} layer45 client={2}")
    @MethodSource("cases")
    void handshakeAndData(CipherSuite suite, NamedGroup group, boolean oursIsClient) throws Exception {
        CertifiedKey serverKey = keyFor(suite);
        SSLEngine engine;
        Connection ours;
        if (oursIsClient) {
            engine = sunJsse(serverKey, CLIENT_KEY).createSSLEngine();
            engine.setUseClientMode(false);
            engine.setNeedClientAuth(true);
            ClientConnection c = new ClientConnection(Config.builder().serverName("localhost")
                    .enabledProtocols(List.of(ProtocolVersion.TLS12)).cipherSuites(List.of(suite))
                    .groups(clientGroups(suite, group)).certificateSelector(CertificateSelector.fixed(CLIENT_KEY))
                    .peerVerifier(TrustedCertificatesVerifier.pinned(serverKey.chain())).build());
            c.start();
            ours = c;
        } else {
            engine = sunJsse(CLIENT_KEY, serverKey).createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            ours = new ServerConnection(Config.builder().enabledProtocols(List.of(ProtocolVersion.TLS12))
                    .certificateSelector(CertificateSelector.fixed(serverKey)).groups(List.of(group))
                    .clientAuth(ClientAuth.REQUIRED)
                    .peerVerifier(TrustedCertificatesVerifier.pinned(CLIENT_KEY.chain())).build());
        }
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        engine.setEnabledCipherSuites(new String[] {suite.name()});
        EnginePump p = new EnginePump(engine, ours);
        engine.beginHandshake();
        p.run();
        assertTrue(ours.isHandshakeComplete(), () -> "layer45 in " + ours.stateName() + ", failure " + ours.failure());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, engine.getHandshakeStatus());
        assertEquals("TLSv1.2", engine.getSession().getProtocol());
        assertEquals(suite.name(), engine.getSession().getCipherSuite());
        assertEquals(suite, ours.session().suite());
        assertEquals(group, ours.session().group());
        assertEquals(CLIENT_KEY.chain().get(0), oursIsClient ? engine.getSession().getPeerCertificates()[0]
                : ours.session().peerCertificates().get(0));
        p.fromEngine("hello from sunjsse".getBytes());
        assertArrayEquals("hello from sunjsse".getBytes(), p.oursReceived.toByteArray());
        p.fromOurs("hello from layer45".getBytes());
        assertArrayEquals("hello from layer45".getBytes(), p.engineReceived.toByteArray());
    }
}
