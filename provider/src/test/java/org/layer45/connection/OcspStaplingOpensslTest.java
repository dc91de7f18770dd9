package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layer45.handshake.SessionInfo;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.ProtocolVersion;

/**
 * OCSP stapling against {@code openssl s_server -status_file} (RFC 6066 §8): with
 * {@link Config.Builder#requestOcspStapling} our ClientHello carries status_request and the session
 * holds exactly the response file's bytes — in TLS 1.3 from the leaf CertificateEntry (RFC 8446
 * §4.4.2.1), in TLS 1.2 from a CertificateStatus message after the Certificate. Without the request
 * the server staples nothing (and sends no CertificateStatus); with it but no response configured,
 * the session has none.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OcspStaplingOpensslTest {
    private static OcspTestPki pki;

    @BeforeAll
    static void makePki() throws Exception {
        pki = OcspTestPki.create();
    }

    private static SessionInfo handshake(ProtocolVersion version, boolean request, boolean staple) throws Exception {
        int port = OpensslServer.freePort();
        String flag = version == ProtocolVersion.TLS13 ? "-tls1_3" : "-tls1_2";
        Process server = pki.startServer(port, flag, staple);
        try (Socket socket = OpensslServer.connect(port)) {
            Config config = Config.builder().serverName("localhost").enabledProtocols(List.of(version))
                    .peerVerifier(TrustedCertificatesVerifier.pkix(List.of(pki.ca))).requestOcspStapling(request)
                    .build();
            ClientConnection client = new ClientConnection(config);
            SocketDriver d = new SocketDriver(client, socket);
            client.start();
            d.handshake();
            d.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(d.readToEnd(), StandardCharsets.ISO_8859_1);
            assertTrue(page.contains(version == ProtocolVersion.TLS13 ? "TLSv1.3" : "TLSv1.2"), page);
            assertEquals(version, client.session().version());
            return client.session();
        } finally {
            OcspTestPki.stop(server);
        }
    }

    private static ProtocolVersion version(String name) {
        return "TLS13".equals(name) ? ProtocolVersion.TLS13 : ProtocolVersion.TLS12;
    }

    @ParameterizedTest(name = "{0}: requested, stapled")
    @CsvSource({"TLS13", "TLS12"})
    void stapledResponseIsTheFilesBytes(String version) throws Exception {
        ProtocolVersion v = version(version);
        SessionInfo s = handshake(v, true, true);
        assertArrayEquals(pki.response, s.ocspResponse());
        // TLS 1.2: its own message after Certificate; TLS 1.3: inside Certificate, no such message.
        assertEquals(v == ProtocolVersion.TLS12, s.handshakeMessages().contains(HandshakeType.CERTIFICATE_STATUS));
        if (v == ProtocolVersion.TLS12) {
            List<Integer> types = s.handshakeMessages();
            assertEquals(types.indexOf(HandshakeType.CERTIFICATE) + 1, types.indexOf(HandshakeType.CERTIFICATE_STATUS));
        }
    }

    @ParameterizedTest(name = "{0}: not requested, server could staple")
    @CsvSource({"TLS13", "TLS12"})
    void withoutRequestNothingIsStapled(String version) throws Exception {
        SessionInfo s = handshake(version(version), false, true);
        assertEquals(0, s.ocspResponse().length);
        assertFalse(s.handshakeMessages().contains(HandshakeType.CERTIFICATE_STATUS));
    }

    @ParameterizedTest(name = "{0}: requested, server has no response")
    @CsvSource({"TLS13", "TLS12"})
    void requestedButNotStapled(String version) throws Exception {
        SessionInfo s = handshake(version(version), true, false);
        assertEquals(0, s.ocspResponse().length);
        assertFalse(s.handshakeMessages().contains(HandshakeType.CERTIFICATE_STATUS));
    }
}
