package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSession;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layer45.jsse.Session;
import org.layer45.provider.Layer45Provider;

/**
 * Jetty 12 on Layer45 in both roles through {@code SslContextFactory.setProvider("Layer45")}, which
 * needs the provider registered: {@code Security.addProvider} appends it last, so the JVM's
 * defaults stay SunJSSE's, and it is removed again afterwards. Layer45 registers no key or trust
 * manager factory (they are left to the JDK), so Jetty's lookup of its default KMF / TMF algorithms
 * on "Layer45" falls back to the JDK's, which is what an application gets. ALPN needs
 * {@link Layer45JettyAlpn} (Jetty's processors accept only java.base engines, INTEROP.md §7).
 * Client: Jetty's HTTP/2 transport against nginx. Server: h2 + http/1.1 for the real curl.
 */
@Timeout(60)
class JettyTest {
    private static final String JETTY = "Jetty " + Jetty.VERSION;
    private static TestPki pki;
    private static boolean registeredHere;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
        if (Security.getProvider(Layer45Provider.NAME) == null) {
            Security.addProvider(new Layer45Provider());
            registeredHere = true;
        }
    }

    @AfterAll
    static void tearDown() {
        if (registeredHere) {
            Security.removeProvider(Layer45Provider.NAME);
        }
    }

    /**
     * The limitation behind {@link Layer45JettyAlpn}: Jetty's stock JDK 9 ALPN processors refuse any
     * SSLEngine whose class is not in module java.base, so without our registration Jetty's h2 over
     * Layer45 fails with "No ALPNProcessor".
     */
    @Test
    void stockAlpnProcessorsRefuseLayer45Engines() throws Exception {
        InteropMatrix.cell(JETTY + " ALPN", "stock JDK9 ALPN processors with a Layer45 SSLEngine");
        javax.net.ssl.SSLEngine engine = TlsStack.LAYER45.context(pki, null).createSSLEngine();
        boolean server = new org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor().appliesTo(engine);
        boolean client = new org.eclipse.jetty.alpn.java.client.JDK9ClientALPNProcessor().appliesTo(engine);
        assertTrue(!server && !client, "Jetty's processors accept Layer45 now: drop Layer45JettyAlpn");
        assertTrue(new Layer45JettyAlpn.Server().appliesTo(engine) && new Layer45JettyAlpn.Client().appliesTo(engine));
        Module module = engine.getClass().getModule();
        InteropMatrix.limitation("JDK9Server/ClientALPNProcessor.appliesTo() is false for "
                + engine.getClass().getName() + " (module " + (module.isNamed() ? module.getName() : "unnamed")
                + ", not java.base; org.layer45.provider on the module path); worked around by subclasses"
                + " registered in META-INF/services (Layer45JettyAlpn)");
    }

    @Test
    void clientGetsHttp2FromNginx(@TempDir Path dir) throws Exception {
        InteropMatrix.cell(JETTY + " client", "setProvider(\"Layer45\") -> nginx: HTTP/2 (ALPN h2), TLS 1.3");
        try (NginxPeer nginx = NginxPeer.startForHttpClients(pki, dir)) {
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setProvider(Layer45Provider.NAME);
            tls.setTrustStore(pki.trustStore());
            ClientConnector connector = new ClientConnector();
            connector.setSslContextFactory(tls);
            List<SSLSession> sessions = new CopyOnWriteArrayList<>();
            HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
            // Jetty's SslClientConnectionFactory hands every TLS connection to the HttpClient's listener beans.
            client.addBean(new SslHandshakeListener() {
                @Override
                public void handshakeSucceeded(Event event) {
                    sessions.add(event.getSSLEngine().getSession());
                }
            });
            client.start();
            try {
                ContentResponse response = client.GET(nginx.url(nginx.port));
                String body = response.getContentAsString();
                assertEquals(200, response.getStatus(), body);
                assertEquals(HttpVersion.HTTP_2, response.getVersion());
                assertTrue(body.startsWith("nginx saw TLSv1.3 ") && body.contains("alpn=h2 http=HTTP/2.0"), body);
                assertEquals(1, sessions.size(), "one TLS handshake seen by Jetty");
                assertEquals("Layer45", sessions.get(0).getValue(Session.PROVIDER_KEY), "the engine was Layer45's");
            } finally {
                client.stop();
            }
        }
    }

    @ParameterizedTest(name = "Jetty server on Layer45, curl {0}")
    @CsvSource({"--http2, 2, h2, HTTP/2.0", "--http1.1, 1.1, http/1.1, HTTP/1.1"})
    void serverAnswersCurl(String curlFlag, String httpVersion, String alpn, String jettyProtocol) throws Exception {
        InteropMatrix.cell(JETTY + " server", "setProvider(\"Layer45\"), curl " + curlFlag + ": ALPN " + alpn
                + ", TLS 1.3");
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setProvider(Layer45Provider.NAME);
        tls.setKeyStore(pki.keyStore("server-ec"));
        tls.setKeyStorePassword(TlsStack.PASSWORD);
        try (Layer45JettyServer server = new Layer45JettyServer(tls)) {
            String out = Curl.get(pki, server.port(), curlFlag).assertTls13(httpVersion, alpn);
            assertTrue(out.contains("jetty on Layer45 TLSv1.3 http=" + jettyProtocol), out);
        }
    }
}
