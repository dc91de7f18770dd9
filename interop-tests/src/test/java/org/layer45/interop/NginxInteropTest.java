package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.jsse.Session;

/**
 * Layer45 as a JSSE client ({@code SSLContext.getInstance("TLS", provider)}, endpoint identification
 * HTTPS, trust in our two test roots only) against nginx 1.22 over HTTP/1.1 (the HTTP/2 clients are
 * {@code provider}'s UnmodifiedClientsNginxTest). The local "badssl" catalogue: each defective
 * virtual host, chosen by SNI (connecting to 127.0.0.1 while naming the vhost), must be refused with
 * an SSLHandshakeException whose message names the defect, and the good one (through an
 * intermediate CA) accepted. Also resumption on nginx's TLS 1.3 and TLS 1.2 ports (nginx's own
 * {@code $ssl_session_reused}), client certificates, a KeyUpdate, a 64 MiB download with close_notify
 * both ways, and X25519MLKEM768 (nginx's OpenSSL 3.0 has none: a peer limitation). On nginx's TLS
 * 1.3-only ports: each suite and group (our client enables just one), each server certificate type
 * (one port each) and a HelloRetryRequest from the port whose only group is secp384r1.
 */
@Timeout(60)
class NginxInteropTest {
    private static TestPki pki;
    private static Path dir;
    private static NginxPeer nginx;
    private static SSLContext client;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.get();
        dir = Files.createTempDirectory("layer45-nginx");
        nginx = NginxPeer.start(pki, dir);
        InteropMatrix.peerVersion(NginxPeer.PEER, NginxPeer.version(pki.dir));
        client = Layer45Jsse.context(pki, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    /** A Layer45 socket to 127.0.0.1:port that names {@code host} for SNI and the hostname check. */
    private static SSLSocket connect(SSLContext ctx, String host, int port) throws IOException {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        plain.setSoTimeout(10_000);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setApplicationProtocols(new String[] {"http/1.1"});
        s.setSSLParameters(p);
        return s;
    }

    /** GET / over the socket (HTTP/1.1, Connection: close); returns the whole response. */
    private static String get(SSLSocket s, String host) throws IOException {
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Each defect has its own words and the alert RFC 8446 §6.2 names for it: certificate_expired
     * for dates, unknown_ca for the three ways a chain misses a trust anchor (told apart by Layer45
     * from the chain itself, since the PKIX trust manager says "unable to find valid certification
     * path" for all three), certificate_unknown for the host name.
     */
    @ParameterizedTest(name = "{0}.localhost is refused")
    @CsvSource(delimiter = ';', value = {
        "expired          ; .*\\(certificate expired: NotAfter: .*2020\\) \\(sent alert certificate_expired\\)",
        "not-yet-valid    ; .*\\(certificate not yet valid: NotBefore: .*2099\\) \\(sent alert certificate_expired\\)",
        "wrong-host       ; .*No subject alternative DNS name matching wrong-host\\.localhost.*certificate_unknown.*",
        "self-signed      ; .*\\(certificate is self-signed and not trusted: CN=self-signed\\.localhost\\)"
            + " \\(sent alert unknown_ca\\)",
        "untrusted-root   ; .*\\(certificate chain ends at an untrusted root CN=Layer45-Untrusted-Root\\)"
            + " \\(sent alert unknown_ca\\)",
        "incomplete-chain ; .*\\(certificate chain is incomplete: no issuer CN=Layer45-Test-Int for"
            + " CN=incomplete-chain\\.localhost was sent or is trusted\\) \\(sent alert unknown_ca\\)"})
    void badCertificateIsRefused(String vhost, String expected) throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "badssl " + vhost + ".localhost refused");
        String host = vhost + ".localhost";
        try (SSLSocket s = connect(client, host, nginx.port)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, s::startHandshake);
            assertTrue(Pattern.matches(expected, e.getMessage().replace('\n', ' ')),
                    host + ": message does not name the problem: " + e.getMessage());
            InteropMatrix.note(e.getMessage());
        }
    }

    @ParameterizedTest(name = "TLS 1.3 {0}")
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void tls13Suite(String suite) throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 " + suite);
        try (SSLSocket s = connect(client, "localhost", nginx.tls13Port)) {
            s.setEnabledCipherSuites(new String[] {suite});
            String response = get(s, "localhost");
            assertTrue(response.contains("nginx saw TLSv1.3 " + suite + " "), response);
            assertEquals(suite, s.getSession().getCipherSuite());
        }
    }

    /** Our client offers (and shares) only {@code group}; nginx reports the curve it used. */
    @ParameterizedTest(name = "TLS 1.3 group {0}")
    @CsvSource({"x25519, X25519", "secp256r1, prime256v1", "secp384r1, secp384r1"})
    void tls13Group(String group, String nginxName) throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 " + group);
        try (SSLSocket s = connect(client, "localhost", nginx.tls13Port)) {
            TlsStack.LAYER45.restrictGroups(s, List.of(group));
            String response = get(s, "localhost");
            assertTrue(response.contains(" curve=" + nginxName + " "), response);
            assertEquals(group, s.getSession().getValue(Session.NAMED_GROUP_KEY));
        } finally {
            Layer45Groups.clearProperty();
        }
    }

    @ParameterizedTest(name = "TLS 1.3 {0} server certificate")
    @CsvSource({"ec, EC", "rsa, RSA", "ed25519, EdDSA|Ed25519"})
    void tls13ServerCertificate(String cert, String keyAlgorithm) throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 " + cert + "-cert");
        try (SSLSocket s = connect(client, "localhost", nginx.tls13Ports.get(cert))) {
            String response = get(s, "localhost");
            assertTrue(response.contains("nginx saw TLSv1.3 "), response);
            String algorithm = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getPublicKey()
                    .getAlgorithm();
            assertTrue(algorithm.matches(keyAlgorithm), algorithm);
        }
    }

    /**
     * HelloRetryRequest (RFC 8446 §4.1.4) from nginx: its "hrr" port has secp384r1 as its only group,
     * for which our first ClientHello (X25519MLKEM768 and x25519 shares) has none. Proven on the wire.
     */
    @Test
    void helloRetryRequestFromNginx() throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 HelloRetryRequest (nginx wants secp384r1, Layer45 shared"
                + " X25519MLKEM768+x25519)");
        try (WireTap tap = new WireTap(nginx.tls13Ports.get("hrr"));
                SSLSocket s = connect(client, "localhost", tap.port())) {
            String response = get(s, "localhost");
            assertTrue(response.contains("nginx saw TLSv1.3 ") && response.contains(" curve=secp384r1 "), response);
            assertEquals("secp384r1", s.getSession().getValue(Session.NAMED_GROUP_KEY));
            InteropMatrix.note(tap.connection(0).assertHelloRetryTo("secp384r1"));
        }
    }

    @Test
    void goodCertificateThroughIntermediateIsAccepted() throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "badssl good.localhost accepted (intermediate CA)");
        InteropMatrix.also(NginxPeer.PEER, "SNI (nginx picks the vhost by name)");
        try (SSLSocket s = connect(client, "good.localhost", nginx.port)) {
            String response = get(s, "good.localhost");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("alpn=http/1.1 sni=good.localhost"), response);
            assertEquals(2, s.getSession().getPeerCertificates().length, "leaf + intermediate");
            assertEquals("Layer45", s.getSession().getValue(Session.PROVIDER_KEY));
        }
    }

    @ParameterizedTest(name = "resumption on the {0} port")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void resumption(String version) throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, (version.equals("TLSv1.3") ? "TLS1.3 resumption (PSK from ticket)"
                : "TLS1.2 resumption (ticket)"));
        InteropMatrix.also(NginxPeer.PEER, (version.equals("TLSv1.3") ? "TLS1.3" : "TLS1.2") + " ALPN http/1.1");
        int port = version.equals("TLSv1.3") ? nginx.tls13Port : nginx.tls12Port;
        SSLContext ctx = Layer45Jsse.context(pki, null); // a fresh client session cache
        String first;
        try (SSLSocket s = connect(ctx, "localhost", port)) {
            first = get(s, "localhost");
            assertEquals(Boolean.FALSE, s.getSession().getValue(Session.RESUMED_KEY));
        }
        try (SSLSocket s = connect(ctx, "localhost", port)) {
            String second = get(s, "localhost");
            assertTrue(first.contains("nginx saw " + version + " ") && first.contains("reused=."), first);
            assertTrue(second.contains("nginx saw " + version + " ") && second.contains("reused=r"), second);
            assertTrue(second.contains("alpn=http/1.1"), second);
            assertEquals(Boolean.TRUE, s.getSession().getValue(Session.RESUMED_KEY));
        }
    }

    @Test
    void clientCertificateForMtlsVhost() throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 client auth (ssl_verify_client on)");
        try (SSLSocket s = connect(Layer45Jsse.context(pki, "client-ec"), "mtls.localhost", nginx.port)) {
            String response = get(s, "mtls.localhost");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("client=SUCCESS:CN=interop_client"), response);
        }
        // Without a certificate nginx answers at the HTTP level (INTEROP.md §3), not with an alert.
        try (SSLSocket s = connect(client, "mtls.localhost", nginx.port)) {
            String response = get(s, "mtls.localhost");
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("No required SSL certificate was sent"), response);
        }
    }

    @Test
    void keyUpdateFromOurSocket() throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 KeyUpdate (Layer45 SSLSocket.startHandshake)");
        try (SSLSocket s = connect(client, "localhost", nginx.tls13Port)) {
            s.startHandshake();
            s.startHandshake(); // TLS 1.3: a KeyUpdate (RFC 8446 §4.6.3), as SunJSSE does
            String response = get(s, "localhost");
            assertTrue(response.contains("nginx saw TLSv1.3"), "nginx read our request under the new keys: "
                    + response);
        }
    }

    /**
     * 64 MiB from nginx to our client, hashed as it arrives, on a keep-alive connection that our
     * client then ends with close_notify; a second connection asks for {@code Connection: close}, so
     * nginx ends it with its close_notify (RFC 8446 §6.1). Both are judged on the wire by a
     * {@link WireTap}: the last record before each sender's end of stream is a TLS 1.3 alert (19
     * bytes; Layer45 and OpenSSL pad none), and our socket read nginx's end as a clean end of stream.
     */
    @Test
    void download64MiBAndCloseNotifyBothWays() throws Exception {
        InteropMatrix.cell(NginxPeer.PEER, "TLS1.3 64 MiB download (nginx -> Layer45 client), SHA-256 checked");
        InteropMatrix.also(NginxPeer.PEER, "TLS1.3 close_notify Layer45 -> peer");
        InteropMatrix.also(NginxPeer.PEER, "TLS1.3 close_notify peer -> Layer45");
        BulkData data = BulkData.create(nginx.bulkFile, BulkData.SIZE, 45, false);
        try (WireTap tap = new WireTap(nginx.port)) {
            long start = System.nanoTime();
            try (SSLSocket s = connect(client, "localhost", tap.port())) {
                s.getOutputStream().write("GET /bulk.bin HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                String head = responseHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(head.contains("Content-Length: " + data.size), head);
                assertEquals(data.sha256, BulkData.sha256Of(in, data.size));
                assertEquals("TLSv1.3", s.getSession().getProtocol());
            } // close(): our close_notify, on a connection nginx keeps alive
            long millis = (System.nanoTime() - start) / 1_000_000;
            WireTap.Flow ours = tap.connection(0).awaitEnd(10_000);
            assertTrue(ours.fromClient.endedWithTls13Alert(0), () -> "we ended with close_notify: " + ours);
            try (SSLSocket s = connect(client, "localhost", tap.port())) {
                String response = get(s, "localhost"); // Connection: close; reads to a clean end of stream
                assertTrue(response.contains("nginx saw TLSv1.3"), response);
            }
            // Our read ends at nginx's close_notify, possibly before the tap has read nginx's FIN.
            WireTap.Flow theirs = tap.connection(1).awaitEnd(10_000);
            assertTrue(theirs.fromServer.eof && theirs.fromServer.endedWithTls13Alert(0),
                    () -> "nginx ended with close_notify: " + theirs);
            InteropMatrix.note("SHA-256 " + data.sha256.substring(0, 16) + "... matched, " + millis + " ms; tap:"
                    + " each sender's last record before its EOF a 19-byte TLS 1.3 alert (close_notify)");
        } finally {
            Files.deleteIfExists(nginx.bulkFile);
        }
    }

    /** Reads an HTTP response head up to its blank line. */
    private static String responseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, "response head ended early: " + head);
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void mlkemIsNotOfferedByNginx() throws Exception {
        String dimension = "TLS1.3 X25519MLKEM768";
        try (SSLSocket s = connect(client, "localhost", nginx.tls13Port)) {
            String response = get(s, "localhost");
            Object group = s.getSession().getValue(Session.NAMED_GROUP_KEY);
            if ("X25519MLKEM768".equals(group)) {
                InteropMatrix.cell(NginxPeer.PEER, dimension);
                return;
            }
            assertEquals("x25519", group, response);
            assertTrue(response.contains("curve=X25519"), response);
            InteropMatrix.limitation(NginxPeer.PEER, dimension, "`nginx -V`: " + NginxPeer.version(pki.dir)
                    + "; from our X25519MLKEM768 + x25519 offer nginx chose " + response.replaceAll("(?s).*(curve=\\S+).*",
                            "$1").strip());
        }
    }
}
