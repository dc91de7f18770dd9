package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 3, Must show 4: ALPN selection (configured lists and the handshake selector callback) and
 * SNI (the client sends the name the application used; the server's key manager picks the
 * certificate by it; SNIMatchers refuse unknown names), Layer45 against SunJSSE.
 */
class AlpnSniTest {

    private static SSLEngine client(String provider, String host, String... alpn) throws Exception {
        SSLEngine e = TestPki.context(provider, null).createSSLEngine(host, 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(alpn);
        e.setSSLParameters(p);
        return e;
    }

    private static SSLEngine server(String provider, KeyStore keys, String... alpn) throws Exception {
        SSLEngine e = TestPki.context(provider, keys).createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(alpn);
        e.setSSLParameters(p);
        return e;
    }

    @ParameterizedTest(name = "{0} client -> {1} server")
    @CsvSource({"Layer45, SunJSSE", "SunJSSE, Layer45", "Layer45, Layer45"})
    void alpnFromLists(String clientProvider, String serverProvider) throws Exception {
        SSLEngine c = client(clientProvider, "localhost", "h2", "http/1.1");
        SSLEngine s = server(serverProvider, TestPki.serverKeys("ec"), "http/1.1");
        new EngineLoop(c, s, false).handshake();
        assertEquals("http/1.1", c.getApplicationProtocol());
        assertEquals("http/1.1", s.getApplicationProtocol());
    }

    @ParameterizedTest(name = "{0} client -> Layer45 server with selector")
    @CsvSource({"SunJSSE", "Layer45"})
    void alpnSelectorCallback(String clientProvider) throws Exception {
        SSLEngine c = client(clientProvider, "localhost", "spdy/3", "h2", "http/1.1");
        SSLEngine s = server("Layer45", TestPki.serverKeys("ec"));
        List<List<String>> seen = new java.util.ArrayList<>();
        s.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            seen.add(offered);
            assertTrue(engine.getHandshakeSession() != null, "handshake session during the callback");
            return offered.contains("h2") ? "h2" : null;
        });
        new EngineLoop(c, s, false).handshake();
        assertEquals(List.of(List.of("spdy/3", "h2", "http/1.1")), seen);
        assertEquals("h2", c.getApplicationProtocol());
        assertEquals("h2", s.getApplicationProtocol());
    }

    @Test
    void alpnSelectorRefusalFailsHandshake() throws Exception {
        SSLEngine c = client("SunJSSE", "localhost", "h2");
        SSLEngine s = server("Layer45", TestPki.serverKeys("ec"));
        s.setHandshakeApplicationProtocolSelector((engine, offered) -> null);
        SSLException e = assertThrows(SSLException.class, () -> new EngineLoop(c, s, false).handshake());
        assertTrue(e.getMessage().contains("no_application_protocol"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} client asks for {1}")
    @CsvSource({"SunJSSE, other.test, CN=other.test", "SunJSSE, www.localhost.test, CN=localhost",
        "Layer45, other.test, CN=other.test"})
    void sniChoosesCertificate(String clientProvider, String sni, String expectedSubject) throws Exception {
        KeyStore both = TestPki.serverKeys("ec");
        KeyStore other = TestPki.otherServerKeys();
        both.setKeyEntry("other", other.getKey("other", TestPki.PASSWORD), TestPki.PASSWORD,
                other.getCertificateChain("other"));
        SSLEngine c = client(clientProvider, sni);
        SSLEngine s = server("Layer45", both);
        new EngineLoop(c, s, false).handshake();
        X509Certificate leaf = (X509Certificate) c.getSession().getPeerCertificates()[0];
        assertEquals(expectedSubject, leaf.getSubjectX500Principal().getName());
        assertEquals(List.of(new SNIHostName(sni)),
                ((javax.net.ssl.ExtendedSSLSession) s.getSession()).getRequestedServerNames());
    }

    @Test
    void sniMatcherRefusesUnknownName() throws Exception {
        SSLEngine c = client("SunJSSE", "unknown.test");
        SSLEngine s = server("Layer45", TestPki.serverKeys("ec"));
        SSLParameters p = s.getSSLParameters();
        p.setSNIMatchers(List.<SNIMatcher>of(SNIHostName.createSNIMatcher("other\\.test")));
        s.setSSLParameters(p);
        assertThrows(SSLException.class, () -> new EngineLoop(c, s, false).handshake());
    }

    @Test
    void noSniForIpLiterals() throws Exception {
        SSLContext ctx = TestPki.layer45(null);
        for (String host : new String[] {"127.0.0.1", "::1", "localhost"}) {
            Engine e = (Engine) ctx.createSSLEngine(host, 443);
            assertEquals(null, ConfigFactory.clientServerName(e.parameters(), host), host);
        }
        assertEquals("example.com", ConfigFactory.clientServerName(EngineParameters.defaults(Protocols.SUPPORTED), "example.com"));
    }
}
