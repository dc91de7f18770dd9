package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http.ssl.TLS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layer45.jsse.Session;

/**
 * The two HTTP/2 clients of issue 5 given a Layer45 SSLContext in process (the provider tests run
 * them from a child JVM configured by java.security; here the application hands the context over):
 * Apache HttpClient 5 async forced to HTTP/2 and java.net.http.HttpClient asking for HTTP/2, both
 * against nginx. Each must get HTTP/2 by ALPN over TLS 1.3 on a session that is Layer45's; and
 * java.net.http forced to HTTP/1.1 must get HTTP/1.1 on such a session.
 */
@Timeout(60)
class Http2ClientsTest {
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    @Test
    void apacheAsyncHttp2(@TempDir Path dir) throws Exception {
        InteropMatrix.cell("Apache HttpClient 5.6 async", "client on Layer45 -> nginx: HTTP/2 (forced), TLS 1.3");
        try (NginxPeer nginx = NginxPeer.startForHttpClients(pki, dir)) {
            SSLContext ctx = TlsStack.LAYER45.context(pki, null);
            try (CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                    .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(ctx)
                                    .setTlsVersions(TLS.V_1_3).buildAsync())
                            .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2)
                                    .build())
                            .build())
                    .build()) {
                client.start();
                HttpClientContext context = HttpClientContext.create();
                SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(nginx.url(nginx.port)).build(),
                        context, null).get(30, TimeUnit.SECONDS);
                String body = response.getBodyText();
                assertEquals(200, response.getCode(), body);
                assertEquals(HttpVersion.HTTP_2, response.getVersion());
                assertTrue(body.startsWith("nginx saw TLSv1.3 ") && body.contains("alpn=h2 http=HTTP/2.0"), body);
                assertLayer45(context.getSSLSession());
            }
        }
    }

    /**
     * java.net.http asking for HTTP/2 (ALPN h2) and forced to HTTP/1.1 ({@code Version.HTTP_1_1}),
     * which must then speak HTTP/1.1 to nginx, whatever ALPN it sends; nginx reports both.
     */
    @ParameterizedTest(name = "java.net.http {0}")
    @CsvSource({"HTTP_2, 'HTTP/2', alpn=h2 http=HTTP/2.0", "HTTP_1_1, 'HTTP/1.1 (forced)', http=HTTP/1.1"})
    void javaNetHttp(HttpClient.Version version, String cell, String nginxSaw, @TempDir Path dir) throws Exception {
        InteropMatrix.cell("java.net.http " + Runtime.version().feature(),
                "client on Layer45 (sslContext) -> nginx: " + cell + ", TLS 1.3");
        try (NginxPeer nginx = NginxPeer.startForHttpClients(pki, dir)) {
            HttpClient client = HttpClient.newBuilder().sslContext(TlsStack.LAYER45.context(pki, null))
                    .version(version).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(nginx.url(nginx.port)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(version, response.version());
            assertTrue(response.body().startsWith("nginx saw TLSv1.3 ") && response.body().contains(nginxSaw),
                    response.body());
            assertLayer45(response.sslSession().orElseThrow());
            InteropMatrix.note(response.body().strip());
        }
    }

    private static void assertLayer45(SSLSession session) {
        assertEquals("Layer45", session.getValue(Session.PROVIDER_KEY), "the session was Layer45's");
        assertEquals("TLSv1.3", session.getProtocol());
    }
}
