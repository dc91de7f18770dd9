package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.jsse.Session;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.TlsVersion;

/**
 * OkHttp 5 (okhttp-jvm) with Layer45's SSLSocketFactory against nginx: HTTP/2 chosen by ALPN, over
 * TLS 1.3 on the dual-version port and over TLS 1.2 on the 1.2-only port. OkHttp's own view
 * (protocol, handshake version), the socket's Layer45 session and nginx's account must all agree.
 * OkHttp picks its Jdk9Platform here (Layer45 is not installed as a provider), which sets ALPN
 * through the standard SSLParameters API.
 */
@Timeout(60)
class OkHttpTest {
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    @ParameterizedTest(name = "OkHttp over Layer45, HTTP/2 over {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void http2(String version, @TempDir Path dir) throws Exception {
        InteropMatrix.cell("OkHttp " + OkHttp.VERSION, "client on Layer45 -> nginx: HTTP/2 (ALPN h2), " + version);
        try (NginxPeer nginx = NginxPeer.startForHttpClients(pki, dir)) {
            SSLContext ctx = TlsStack.LAYER45.context(pki, null);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(pki.trustStore());
            List<SSLSession> sessions = new CopyOnWriteArrayList<>();
            OkHttpClient client = new OkHttpClient.Builder()
                    .sslSocketFactory(ctx.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0])
                    .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
                    .eventListener(new EventListener() {
                        @Override
                        public void connectionAcquired(Call call, Connection connection) {
                            sessions.add(((SSLSocket) connection.socket()).getSession());
                        }
                    }).build();
            int port = version.equals("TLSv1.3") ? nginx.port : nginx.tls12Port;
            try (Response response = client.newCall(new Request.Builder().url(nginx.url(port)).build()).execute()) {
                String body = response.body().string();
                assertEquals(200, response.code(), body);
                assertEquals(Protocol.HTTP_2, response.protocol(), "OkHttp's protocol");
                assertEquals(version.equals("TLSv1.3") ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2,
                        response.handshake().tlsVersion());
                assertTrue(body.startsWith("nginx saw " + version + " "), body);
                assertTrue(body.contains("alpn=h2 http=HTTP/2.0"), body);
                assertEquals(1, sessions.size());
                assertEquals("Layer45", sessions.get(0).getValue(Session.PROVIDER_KEY), "the socket was Layer45's");
                assertEquals(version, sessions.get(0).getProtocol());
            } finally {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        }
    }
}
