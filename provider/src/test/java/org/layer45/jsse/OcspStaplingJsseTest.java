package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layer45.connection.OcspTestPki;
import org.layer45.connection.OpensslServer;

/**
 * {@link ExtendedSSLSession#getStatusResponses()} on Layer45 client sessions against
 * {@code openssl s_server -status_file} (RFC 6066 §8, RFC 8446 §4.4.2.1): by default the client sends
 * status_request, as SunJSSE 17 does, and the session returns the stapled response (leaf first: one
 * element, the file's bytes, a fresh copy each call); with
 * {@code jdk.tls.client.enableStatusRequestExtension=false} nothing is requested and the list is empty.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OcspStaplingJsseTest {
    private static final String PROPERTY = "jdk.tls.client.enableStatusRequestExtension";
    private static OcspTestPki pki;
    private static SSLContext context;

    @BeforeAll
    static void setUp() throws Exception {
        pki = OcspTestPki.create();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        context = SSLContext.getInstance("TLS", TestPki.PROVIDER);
        context.init(null, tmf.getTrustManagers(), null);
    }

    private static List<byte[]> statusResponses(String protocol) throws Exception {
        int port = OpensslServer.freePort();
        Process server = pki.startServer(port, "TLSv1.3".equals(protocol) ? "-tls1_3" : "-tls1_2", true);
        try (Socket plain = OpensslServer.connect(port);
                SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true)) {
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            in.readAllBytes();
            ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
            assertEquals(protocol, session.getProtocol());
            List<byte[]> first = session.getStatusResponses();
            if (!first.isEmpty()) {
                assertNotSame(first.get(0), session.getStatusResponses().get(0)); // byte[] is mutable
            }
            return first;
        } finally {
            OcspTestPki.stop(server);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void stapledResponseByDefault(String protocol) throws Exception {
        List<byte[]> responses = statusResponses(protocol);
        assertEquals(1, responses.size());
        assertArrayEquals(pki.response, responses.get(0));
    }

    @Test
    void propertyTurnsTheRequestOff() throws Exception {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "false");
        try {
            assertEquals(List.of(), statusResponses("TLSv1.3"));
            assertEquals(List.of(), statusResponses("TLSv1.2"));
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
