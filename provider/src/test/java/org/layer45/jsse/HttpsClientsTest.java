package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unmodified JDK HTTP clients on a Layer45 SSLContext against the JDK's HttpsServer (itself on
 * SunJSSE or Layer45): HttpsURLConnection (SSLSocket, default hostname verification) and
 * java.net.http.HttpClient (SSLEngine, HTTPS endpoint identification, ALPN offered for HTTP/2).
 */
class HttpsClientsTest {

    /** Records the sockets HttpsURLConnection creates, to prove they were ours. */
    private static final class RecordingFactory extends SSLSocketFactory {
        final SSLSocketFactory delegate;
        final List<Socket> created = new ArrayList<>();

        RecordingFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private Socket note(Socket s) {
            created.add(s);
            return s;
        }

        // @formatter:off
        @Override public String[] getDefaultCipherSuites() { return delegate.getDefaultCipherSuites(); }
        @Override public String[] getSupportedCipherSuites() { return delegate.getSupportedCipherSuites(); }
        @Override public Socket createSocket() throws IOException { return note(delegate.createSocket()); }
        @Override public Socket createSocket(Socket s, String h, int p, boolean a) throws IOException { return note(delegate.createSocket(s, h, p, a)); }
        @Override public Socket createSocket(String h, int p) throws IOException { return note(delegate.createSocket(h, p)); }
        @Override public Socket createSocket(String h, int p, InetAddress l, int lp) throws IOException { return note(delegate.createSocket(h, p, l, lp)); }
        @Override public Socket createSocket(InetAddress h, int p) throws IOException { return note(delegate.createSocket(h, p)); }
        @Override public Socket createSocket(InetAddress h, int p, InetAddress l, int lp) throws IOException { return note(delegate.createSocket(h, p, l, lp)); }
        // @formatter:on
    }

    @ParameterizedTest(name = "HttpsURLConnection -> {0} server at {1}")
    @CsvSource({"SunJSSE, localhost", "Layer45, localhost", "SunJSSE, 127.0.0.1"})
    void httpsUrlConnection(String serverProvider, String host) throws Exception {
        SSLContext client = TestPki.layer45(null);
        try (TestHttpsServer server = new TestHttpsServer(TestPki.context(serverProvider, TestPki.serverKeys()))) {
            HttpsURLConnection conn = (HttpsURLConnection) URI.create("https://" + host + ":" + server.port() + "/")
                    .toURL().openConnection();
            RecordingFactory factory = new RecordingFactory(client.getSocketFactory());
            conn.setSSLSocketFactory(factory);
            assertEquals(200, conn.getResponseCode());
            SSLSession session = conn.getSSLSession().orElseThrow();
            try (InputStream in = conn.getInputStream()) {
                assertEquals(TestHttpsServer.BODY, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals("Layer45", session.getValue(Session.PROVIDER_KEY));
            assertEquals("TLSv1.3", session.getProtocol());
            assertTrue(!factory.created.isEmpty() && factory.created.get(0) instanceof EngineSocket);
            conn.disconnect();
            assertServerSide(serverProvider, server);
        }
    }

    @ParameterizedTest(name = "HttpClient {1} -> {0} server")
    @CsvSource({"SunJSSE, HTTP_1_1", "SunJSSE, HTTP_2", "Layer45, HTTP_2"})
    void httpClient(String serverProvider, HttpClient.Version version) throws Exception {
        SSLContext client = TestPki.layer45(null);
        try (TestHttpsServer server = new TestHttpsServer(TestPki.context(serverProvider, TestPki.serverKeys()))) {
            HttpClient http = HttpClient.newBuilder().sslContext(client).version(version).build();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(TestHttpsServer.BODY, r.body());
            // The JDK server has no HTTP/2: ALPN (h2, http/1.1) is offered and not accepted.
            assertEquals(HttpClient.Version.HTTP_1_1, r.version());
            SSLSession session = r.sslSession().orElseThrow();
            // HttpClient hands out an immutable copy; the values still come from our Session.
            assertEquals("Layer45", session.getValue(Session.PROVIDER_KEY));
            assertServerSide(serverProvider, server);
        }
    }

    private static void assertServerSide(String serverProvider, TestHttpsServer server) {
        SSLSession s = server.lastSession.get();
        assertEquals("TLSv1.3", s.getProtocol());
        if (serverProvider.equals("Layer45")) {
            assertEquals("Layer45", s.getValue(Session.PROVIDER_KEY));
        }
    }
}
