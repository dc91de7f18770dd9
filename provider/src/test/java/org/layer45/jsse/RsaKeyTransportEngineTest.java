package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

/**
 * TLS 1.2 RSA key transport through the JSSE API (RFC 5246 §7.4.7.1): supported everywhere JSSE lists
 * supported suites, enabled nowhere by default (DESIGN.md §8); enabled by the application with
 * setEnabledCipherSuites (client) and SSLParameters (server), a Layer45 client and server agree on it
 * with data both ways; a server that did not enable it refuses a client offering only it.
 */
class RsaKeyTransportEngineTest {
    private static final String RSA_128 = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static final String RSA_256 = "TLS_RSA_WITH_AES_256_GCM_SHA384";

    @Test
    void supportedButNotEnabledByDefault() throws Exception {
        SSLContext ctx = TestPki.layer45(TestPki.serverKeys("rsa"));
        SSLContext dflt = SSLContext.getInstance("Default", TestPki.PROVIDER);
        List<List<String>> supported = List.of(List.of(ctx.createSSLEngine().getSupportedCipherSuites()),
                List.of(ctx.getSocketFactory().getSupportedCipherSuites()),
                List.of(ctx.getServerSocketFactory().getSupportedCipherSuites()),
                List.of(ctx.getSupportedSSLParameters().getCipherSuites()),
                List.of(dflt.getSupportedSSLParameters().getCipherSuites()));
        for (List<String> s : supported) {
            assertTrue(s.contains(RSA_128) && s.contains(RSA_256), s::toString);
        }
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket();
                SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            List<List<String>> enabled = List.of(List.of(ctx.createSSLEngine().getEnabledCipherSuites()),
                    List.of(ctx.getSocketFactory().getDefaultCipherSuites()),
                    List.of(ctx.getServerSocketFactory().getDefaultCipherSuites()),
                    List.of(ctx.getDefaultSSLParameters().getCipherSuites()),
                    List.of(dflt.getDefaultSSLParameters().getCipherSuites()),
                    List.of(dflt.createSSLEngine().getEnabledCipherSuites()),
                    List.of(socket.getEnabledCipherSuites()), List.of(server.getEnabledCipherSuites()));
            for (List<String> e : enabled) {
                assertFalse(e.contains(RSA_128) || e.contains(RSA_256), e::toString);
                assertTrue(e.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), e::toString);
            }
        }
    }

    @Test
    void enabledOnBothSidesThroughTheJsseApi() throws Exception {
        for (String suite : List.of(RSA_128, RSA_256)) {
            SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            client.setEnabledCipherSuites(new String[] {suite});
            assertArrayEquals(new String[] {suite}, client.getEnabledCipherSuites());
            SSLEngine server = TestPki.layer45(TestPki.serverKeys("rsa")).createSSLEngine();
            server.setUseClientMode(false);
            SSLParameters params = server.getSSLParameters();
            List<String> enabled = new ArrayList<>(List.of(params.getCipherSuites()));
            enabled.add(suite);
            params.setCipherSuites(enabled.toArray(String[]::new));
            server.setSSLParameters(params);
            assertTrue(List.of(server.getEnabledCipherSuites()).contains(suite));

            EngineLoop loop = new EngineLoop(client, server, false).handshake();
            byte[] data = new byte[20_000];
            new Random(5).nextBytes(data);
            assertArrayEquals(data, loop.send(true, data));
            assertArrayEquals(data, loop.send(false, data));
            for (SSLEngine e : new SSLEngine[] {client, server}) {
                assertEquals("TLSv1.2", e.getSession().getProtocol());
                assertEquals(suite, e.getSession().getCipherSuite());
            }
        }
    }

    @Test
    void serverThatDidNotEnableItRefusesAnRsaOnlyClient() throws Exception {
        SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {RSA_128});
        SSLEngine server = TestPki.layer45(TestPki.serverKeys("rsa")).createSSLEngine();
        server.setUseClientMode(false);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> new EngineLoop(client, server, false).handshake());
        // The server found no suite in common and said so (RFC 5246 §7.4.1.3: handshake_failure).
        assertTrue(e.getMessage().contains("received alert handshake_failure"), e::getMessage);
        assertEquals("SSL_NULL_WITH_NULL_NULL", client.getSession().getCipherSuite());
    }
}
