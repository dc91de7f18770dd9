package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 through the JSSE layer, in memory against SunJSSE's SSLEngine (issue 4, "JSSE"): every
 * TLS 1.2 suite in both roles with data both ways and the session's protocol and suite; the version
 * switch per connection (enabled protocols, SSLParameters, a peer limited to TLS 1.2); and session
 * resumption through the context's session cache, proven by the core's resumed flag and by the
 * SunJSSE peer reporting the same session id.
 */
class Tls12EngineTest {
    static final List<String> SUITES_12 = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    static Stream<Arguments> suitesBothRoles() {
        List<Arguments> out = new ArrayList<>();
        boolean direct = false;
        for (String suite : SUITES_12) {
            out.add(Arguments.of("Layer45", "SunJSSE", suite, direct));
            out.add(Arguments.of("SunJSSE", "Layer45", suite, !direct));
            direct = !direct;
        }
        return out.stream();
    }

    static String keyFor(String suite) {
        return suite.contains("_ECDSA_") ? "ec" : "rsa";
    }

    /** Client from a "TLSv1.2" context (TLS 1.2 only by default), server from a TLS 1.3 + 1.2 one. */
    @ParameterizedTest(name = "{0} client -> {1} server, {2}, direct={3}")
    @MethodSource("suitesBothRoles")
    void everySuiteBothRoles(String clientProvider, String serverProvider, String suite, boolean direct)
            throws Exception {
        SSLContext cctx = TestPki.context(clientProvider, "TLSv1.2", null);
        SSLContext sctx = TestPki.context(serverProvider, "TLS", TestPki.serverKeys(keyFor(suite)));
        SSLEngine client = cctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.2"}, client.getEnabledProtocols());
        client.setEnabledCipherSuites(new String[] {suite});
        SSLParameters params = client.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(params);
        SSLEngine server = sctx.createSSLEngine();
        server.setUseClientMode(false);

        EngineLoop loop = new EngineLoop(client, server, direct).handshake();
        assertTrue(loop.clientFinished && loop.serverFinished, () -> "FINISHED not reported: " + loop.log);
        byte[] big = new byte[70_000];
        new Random(12).nextBytes(big);
        assertArrayEquals(big, loop.send(true, big));
        assertArrayEquals(big, loop.send(false, big));

        for (SSLEngine e : new SSLEngine[] {client, server}) {
            assertEquals("TLSv1.2", e.getSession().getProtocol());
            assertEquals(suite, e.getSession().getCipherSuite());
        }
        assertEquals(keyFor(suite).equals("ec") ? "EC" : "RSA",
                client.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
        SSLEngine ours = clientProvider.equals("Layer45") ? client : server;
        assertInstanceOf(Engine.class, ours);
        assertEquals("Layer45", ours.getSession().getValue(Session.PROVIDER_KEY));
        assertArrayEquals(client.getSession().getId(), server.getSession().getId(), "the TLS 1.2 session id");
        assertEquals(32, ours.getSession().getId().length);
    }

    /** A Layer45 server holding both an EC and an RSA key serves a client that offers only RSA suites. */
    @Test
    void serverWithBothKeysServesAnRsaOnlyClient() throws Exception {
        SSLEngine client = TestPki.sun(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
        SSLEngine server = TestPki.layer45(TestPki.serverKeys("ec", "rsa")).createSSLEngine();
        server.setUseClientMode(false);
        new EngineLoop(client, server, false).handshake();
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", server.getSession().getCipherSuite());
        assertEquals("RSA", client.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
    }

    @Test
    void layer45ClientOffering13And12GetsTls12FromASunServerLimitedTo12() throws Exception {
        SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, client.getEnabledProtocols());
        SSLEngine server = TestPki.sun(TestPki.serverKeys()).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        new EngineLoop(client, server, false).handshake();
        assertEquals("TLSv1.2", client.getSession().getProtocol());
        assertEquals("TLSv1.2", server.getSession().getProtocol());
        assertEquals(server.getSession().getCipherSuite(), client.getSession().getCipherSuite());
        assertTrue(SUITES_12.contains(client.getSession().getCipherSuite()), client.getSession().getCipherSuite());
    }

    @Test
    void layer45ServerLimitedTo12GivesASunClientTls12() throws Exception {
        SSLEngine client = TestPki.sun(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestPki.layer45(TestPki.serverKeys()).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        // SunJSSE offers 1.3 + 1.2 and checks the RFC 8446 §4.1.3 downgrade sentinel: a server that
        // has TLS 1.3 disabled must not set it, or this handshake would fail with illegal_parameter.
        new EngineLoop(client, server, false).handshake();
        assertEquals("TLSv1.2", client.getSession().getProtocol());
        assertEquals("TLSv1.2", server.getSession().getProtocol());
    }

    /** One Layer45 context; the version follows each engine's enabled protocols or SSLParameters. */
    @Test
    void versionIsChosenPerConnection() throws Exception {
        SSLContext ours = TestPki.layer45(null);
        SSLContext sun = TestPki.sun(TestPki.serverKeys());
        String[] expected = {"TLSv1.3", "TLSv1.2", "TLSv1.2", "TLSv1.3"};
        for (int i = 0; i < expected.length; i++) {
            SSLEngine client = ours.createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            if (i == 1) {
                client.setEnabledProtocols(new String[] {"TLSv1.2"});
            } else if (i == 2) {
                SSLParameters p = client.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.2", "TLSv1.1"}); // the unsupported name is ignored
                client.setSSLParameters(p);
            }
            SSLEngine server = sun.createSSLEngine();
            server.setUseClientMode(false);
            new EngineLoop(client, server, false).handshake();
            assertEquals(expected[i], client.getSession().getProtocol(), "connection " + i);
            assertEquals(expected[i], server.getSession().getProtocol(), "connection " + i);
        }
    }

    /** A TLS 1.3-only peer and a TLS 1.2-only peer share no version: protocol_version, both roles. */
    @Test
    void noCommonVersionFails() throws Exception {
        for (boolean layer45Client : new boolean[] {true, false}) {
            SSLEngine client = (layer45Client ? TestPki.layer45(null) : TestPki.sun(null)).createSSLEngine("localhost",
                    443);
            client.setUseClientMode(true);
            client.setEnabledProtocols(new String[] {"TLSv1.3"});
            SSLEngine server = (layer45Client ? TestPki.sun(TestPki.serverKeys()) : TestPki.layer45(
                    TestPki.serverKeys())).createSSLEngine();
            server.setUseClientMode(false);
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> new EngineLoop(client, server, false).handshake());
            String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            assertTrue(msg.contains("protocol") || msg.contains("version"), e.getMessage());
        }
    }

    /** Enabled protocols without an enabled suite of that version: a clear SSLHandshakeException. */
    @Test
    void tls12WithOnlyTls13SuitesIsRefused() throws Exception {
        SSLEngine client = TestPki.layer45(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, client::beginHandshake);
        assertTrue(e.getMessage().contains("no enabled cipher suite"), e.getMessage());
    }

    /** Renegotiation is refused (RFC 5746 implemented only to say no): beginHandshake after 1.2 throws. */
    @Test
    void beginHandshakeOnAnEstablishedTls12ConnectionIsRefused() throws Exception {
        SSLEngine client = TestPki.context("Layer45", "TLSv1.2", null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        SSLEngine server = TestPki.sun(TestPki.serverKeys()).createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client, server, false).handshake();
        SSLException e = assertThrows(SSLException.class, client::beginHandshake);
        assertTrue(e.getMessage().contains("renegotiation"), e.getMessage());
        assertArrayEquals("still usable".getBytes(), loop.send(true, "still usable".getBytes()));
    }

    // ---- resumption

    /** Layer45 client, SunJSSE server (TLS 1.2 only): the second connection to the same host:port resumes. */
    @Test
    void layer45ClientResumesTls12WithSunServer() throws Exception {
        SSLContext ours = TestPki.layer45(null);
        SSLContext sun = TestPki.sun(TestPki.serverKeys("ec"));
        SSLSession[] first = connect(ours, sun, "localhost", 8443, true);
        SSLSession[] second = connect(ours, sun, "localhost", 8443, true);
        assertFalse(((Session) first[0]).resumed());
        assertTrue(((Session) second[0]).resumed(), "abbreviated handshake");
        assertArrayEquals(first[1].getId(), second[1].getId(), "SunJSSE resumed the same session");
        assertArrayEquals(first[0].getId(), second[0].getId(), "our session id is the resumed one");
        assertArrayEquals(first[0].getPeerCertificates(), second[0].getPeerCertificates());
        assertEquals(first[0].getCipherSuite(), second[0].getCipherSuite());
        // Sessions are filed by peer host and port: another port starts afresh.
        SSLSession[] other = connect(ours, sun, "localhost", 9443, true);
        assertFalse(((Session) other[0]).resumed(), "a session is never offered to another host:port");
        assertTrue(java.util.Collections.list(ours.getClientSessionContext().getIds()).stream()
                .anyMatch(id -> java.util.Arrays.equals(id, first[0].getId())), "in the client session context");
    }

    /** SunJSSE client, Layer45 server: resumed through the server context's ticket keys / session cache. */
    @Test
    void sunClientResumesTls12WithLayer45Server() throws Exception {
        SSLContext sun = TestPki.sun(null);
        SSLContext ours = TestPki.layer45(TestPki.serverKeys("rsa"));
        SSLSession[] first = connect(sun, ours, "localhost", 8443, true);
        SSLSession[] second = connect(sun, ours, "localhost", 8443, true);
        assertFalse(((Session) first[1]).resumed());
        assertTrue(((Session) second[1]).resumed(), "abbreviated handshake");
        assertArrayEquals(first[0].getId(), second[0].getId(), "SunJSSE resumed the same session");
        assertEquals("TLSv1.2", second[1].getProtocol());
        assertEquals(first[1].getCipherSuite(), second[1].getCipherSuite());
    }

    @Test
    void layer45ResumesTls12WithItself() throws Exception {
        SSLContext client = TestPki.layer45(null);
        SSLContext server = TestPki.layer45(TestPki.serverKeys("ec"));
        SSLSession[] first = connect(client, server, "localhost", 8443, true);
        SSLSession[] second = connect(client, server, "localhost", 8443, true);
        assertTrue(((Session) second[0]).resumed() && ((Session) second[1]).resumed());
        assertFalse(((Session) first[0]).resumed());
        assertEquals(first[0].getCipherSuite(), second[1].getCipherSuite());
    }

    /**
     * RFC 7301 §3.1: ALPN is negotiated on every handshake, resumed ones included. A session made
     * without ALPN (HttpsURLConnection) is resumed by a client offering h2 (java.net.http), and the
     * server's h2 counts; a client reporting the old session's "no ALPN" would speak HTTP/1.1 to an
     * HTTP/2 server (seen against nginx).
     */
    @Test
    void resumedTls12ConnectionNegotiatesAlpnAfresh() throws Exception {
        SSLContext ours = TestPki.layer45(null);
        SSLContext sun = TestPki.sun(TestPki.serverKeys("ec"));
        connect(ours, sun, "localhost", 8443, true);
        SSLEngine client = ours.createSSLEngine("localhost", 8443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLParameters p = client.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(p);
        SSLEngine server = sun.createSSLEngine();
        server.setUseClientMode(false);
        SSLParameters sp = server.getSSLParameters();
        sp.setApplicationProtocols(new String[] {"h2"});
        server.setSSLParameters(sp);
        new EngineLoop(client, server, false).handshake();
        assertTrue(((Session) client.getSession()).resumed());
        assertEquals("h2", server.getApplicationProtocol());
        assertEquals("h2", client.getApplicationProtocol());
    }

    /** One connection (the client limited to TLS 1.2 if {@code tls12}); returns {client, server} sessions. */
    private static SSLSession[] connect(SSLContext cctx, SSLContext sctx, String host, int port, boolean tls12)
            throws SSLException {
        SSLEngine client = cctx.createSSLEngine(host, port);
        client.setUseClientMode(true);
        if (tls12) {
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
        }
        SSLEngine server = sctx.createSSLEngine();
        server.setUseClientMode(false);
        EngineLoop loop = new EngineLoop(client, server, false).handshake();
        assertArrayEquals("ping".getBytes(), loop.send(true, "ping".getBytes()));
        return new SSLSession[] {client.getSession(), server.getSession()};
    }
}
