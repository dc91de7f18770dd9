package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layer45's SSLEngine against SunJSSE's in the same JVM, both roles, in memory: every TLS 1.3 suite,
 * EC and RSA server keys, heap and direct buffers, data both ways (several records), session facts.
 */
class EngineInteropTest {

    @ParameterizedTest(name = "{0} client -> {1} server, {2}, {3} key, direct={4}")
    @CsvSource({
        "Layer45, SunJSSE, TLS_AES_128_GCM_SHA256, ec, false",
        "Layer45, SunJSSE, TLS_AES_256_GCM_SHA384, rsa, true",
        "Layer45, SunJSSE, TLS_CHACHA20_POLY1305_SHA256, ec, false",
        "SunJSSE, Layer45, TLS_AES_128_GCM_SHA256, ec, true",
        "SunJSSE, Layer45, TLS_AES_256_GCM_SHA384, rsa, false",
        "SunJSSE, Layer45, TLS_CHACHA20_POLY1305_SHA256, rsa, false",
        "Layer45, Layer45, TLS_AES_256_GCM_SHA384, ec, true",
        // signature_algorithms has no rsa_pkcs1_*, signature_algorithms_cert does: the key manager must be
        // shown the latter, or the PKIX key manager rejects an RSA certificate signed with PKCS#1 v1.5.
        "Layer45, Layer45, TLS_AES_128_GCM_SHA256, rsa, false",
    })
    void handshakeAndData(String clientProvider, String serverProvider, String suite, String key, boolean direct)
            throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, null);
        SSLContext sctx = TestPki.context(serverProvider, TestPki.serverKeys(key));
        SSLEngine client = cctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {suite});
        var params = client.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(params);
        SSLEngine server = sctx.createSSLEngine();
        server.setUseClientMode(false);

        EngineLoop loop = new EngineLoop(client, server, direct).handshake();
        assertTrue(loop.clientFinished && loop.serverFinished, () -> "FINISHED not reported: " + loop.log);

        byte[] big = new byte[70_000];
        new Random(7).nextBytes(big);
        assertArrayEquals(big, loop.send(true, big));
        assertArrayEquals("pong".getBytes(), loop.send(false, "pong".getBytes()));

        for (SSLEngine e : new SSLEngine[] {client, server}) {
            SSLSession s = e.getSession();
            assertEquals("TLSv1.3", s.getProtocol());
            assertEquals(suite, s.getCipherSuite());
        }
        SSLSession cs = client.getSession();
        assertEquals(key.equals("ec") ? "EC" : "RSA",
                cs.getPeerCertificates()[0].getPublicKey().getAlgorithm());
        SSLEngine ours = clientProvider.equals("Layer45") ? client : server;
        assertInstanceOf(Engine.class, ours);
        assertEquals("Layer45", ours.getSession().getValue(Session.PROVIDER_KEY));
        // SunJSSE has no X25519MLKEM768, so with it the pair settles on x25519 (our second preference).
        boolean bothOurs = clientProvider.equals(serverProvider);
        assertEquals(bothOurs ? "X25519MLKEM768" : "x25519", ours.getSession().getValue(Session.NAMED_GROUP_KEY));
    }
}
