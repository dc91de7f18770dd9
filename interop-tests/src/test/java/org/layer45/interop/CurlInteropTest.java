package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLServerSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.jsse.Session;

/**
 * curl (7.88, OpenSSL backend; INTEROP.md §4) as a client of an HTTPS server in this JVM that runs on
 * Layer45's SSLServerSocket ({@link Layer45HttpsResponder}): TLS 1.3 and 1.2 with named suites, ALPN
 * (curl offers h2 and http/1.1; the server, having no HTTP/2, accepts http/1.1), client certificates
 * (accepted and refused), and resumption of the first connection's session by the second URL of
 * the same curl run, the groups P-256 and P-384, a HelloRetryRequest, a KeyUpdate from our server and
 * a 64 MiB download. Each result is checked from both ends: curl's {@code -v} report and the
 * Layer45 server session (HRR and KeyUpdate also on the wire, by a {@link WireTap}).
 */
@Timeout(60)
class CurlInteropTest {
    private static final String CURL = "curl";
    private static String curl;
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        curl = Peers.require("curl");
        pki = TestPki.get();
        try (PeerProcess p = PeerProcess.start(pki.dir, List.of(curl, "--version"))) {
            p.waitFor(10_000);
            InteropMatrix.peerVersion(CURL, p.output().lines().findFirst().orElse(""));
        }
    }

    /** Runs curl against the responder (localhost pinned to 127.0.0.1) with our CA; returns rc and output. */
    private static String[] curl(Layer45HttpsResponder server, List<String> args, String... paths) throws Exception {
        return curl(server.port(), args, paths);
    }

    /** Runs curl against 127.0.0.1:{@code port} (the responder or a {@link WireTap} in front of it). */
    private static String[] curl(int port, List<String> args, String... paths) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(curl, "-sS", "-v", "--cacert", "ca.pem", "--resolve",
                "localhost:" + port + ":127.0.0.1"));
        cmd.addAll(args);
        for (String path : paths) {
            cmd.add("https://localhost:" + port + path);
        }
        try (PeerProcess p = PeerProcess.start(pki.dir, cmd)) {
            int rc = p.waitFor(30_000);
            return new String[] {String.valueOf(rc), p.output()};
        }
    }

    private static Layer45HttpsResponder serve(String key, Consumer<SSLServerSocket> configure) throws Exception {
        return new Layer45HttpsResponder(Layer45Jsse.context(pki, key), configure);
    }

    @ParameterizedTest(name = "TLS 1.3 {1} {0}")
    @CsvSource({"server-ec, TLS_AES_128_GCM_SHA256", "server-ec, TLS_AES_256_GCM_SHA384",
        "server-ec, TLS_CHACHA20_POLY1305_SHA256", "server-rsa, TLS_AES_128_GCM_SHA256",
        "server-ed25519, TLS_AES_256_GCM_SHA384"})
    void tls13WithAlpnHttp11(String key, String suite) throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 " + suite + " " + key.substring(7) + "-cert");
        InteropMatrix.also(CURL, "TLS1.3 ALPN http/1.1 (curl offers h2,http/1.1)");
        InteropMatrix.also(CURL, "TLS1.3 SNI");
        try (Layer45HttpsResponder server = serve(key, s -> { })) {
            String[] r = curl(server, List.of("--tlsv1.3", "--tls13-ciphers", suite), "/");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("SSL connection using TLSv1.3 / " + suite), r[1]);
            assertTrue(r[1].contains("ALPN: server accepted http/1.1"), r[1]);
            assertTrue(r[1].contains("layer45 saw TLSv1.3 " + suite), r[1]);
            assertTrue(r[1].contains("alpn=http/1.1 sni=localhost"), r[1]);
            assertEquals("Layer45", server.sessions.get(0).getValue(Session.PROVIDER_KEY));
        }
    }

    @ParameterizedTest(name = "TLS 1.2 {1}")
    @CsvSource({"server-ec, ECDHE-ECDSA-AES128-GCM-SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "server-ec, ECDHE-ECDSA-AES256-GCM-SHA384, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "server-ec, ECDHE-ECDSA-CHACHA20-POLY1305, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "server-rsa, ECDHE-RSA-AES128-GCM-SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "server-rsa, ECDHE-RSA-AES256-GCM-SHA384, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "server-rsa, ECDHE-RSA-CHACHA20-POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void tls12OnlyServer(String key, String opensslSuite, String suite) throws Exception {
        InteropMatrix.cell(CURL, "TLS1.2 " + suite + " " + key.substring(7) + "-cert");
        InteropMatrix.also(CURL, "TLS1.2 ALPN http/1.1");
        try (Layer45HttpsResponder server = serve(key, s -> s.setEnabledProtocols(new String[] {"TLSv1.2"}))) {
            String[] r = curl(server, List.of("--ciphers", opensslSuite), "/");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("SSL connection using TLSv1.2 / " + opensslSuite), r[1]);
            assertTrue(r[1].contains("ALPN: server accepted http/1.1"), r[1]);
            assertTrue(r[1].contains("layer45 saw TLSv1.2 " + suite), r[1]);
        }
    }

    @ParameterizedTest(name = "client certificate, TLS {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientCertificate(String version) throws Exception {
        InteropMatrix.cell(CURL, (version.equals("TLSv1.3") ? "TLS1.3" : "TLS1.2") + " client auth");
        try (Layer45HttpsResponder server = serve("server-ec", s -> {
            s.setEnabledProtocols(new String[] {version});
            s.setNeedClientAuth(true);
        })) {
            String[] r = curl(server, List.of("--cert", "client-ec.pem", "--key", "client-ec.key"), "/");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("layer45 saw " + version), r[1]);
            assertTrue(r[1].contains("client=CN=interop_client"), r[1]);
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 client auth: no certificate refused");
        try (Layer45HttpsResponder server = serve("server-ec", s -> s.setNeedClientAuth(true))) {
            String[] r = curl(server, List.of(), "/");
            // curl 7.88: 56 (receive failure: alert certificate required) under TLS 1.3
            assertNotEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("alert certificate required"), r[1]);
            String failure = server.awaitFailure(5_000);
            assertNotNull(failure);
            assertTrue(failure.toLowerCase().contains("certificate"), failure);
        }
    }

    @ParameterizedTest(name = "resumption, TLS {0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void secondUrlResumes(String version) throws Exception {
        InteropMatrix.cell(CURL, (version.equals("TLSv1.3") ? "TLS1.3 resumption (PSK from ticket)"
                : "TLS1.2 resumption"));
        try (Layer45HttpsResponder server = serve("server-ec", s -> s.setEnabledProtocols(new String[] {version}))) {
            String[] r = curl(server, List.of("--http1.1"), "/first", "/second");
            assertEquals("0", r[0], r[1]);
            assertEquals(2, server.pages.size(), server.pages.toString());
            assertTrue(server.pages.get(0).endsWith("resumed=false client=none"), server.pages.toString());
            assertTrue(server.pages.get(1).endsWith("resumed=true client=none"), server.pages.toString());
            assertTrue(r[1].contains("SSL re-using session ID"), r[1]); // curl's own report
        }
    }

    @ParameterizedTest(name = "group {0}")
    @CsvSource({"P-256, secp256r1", "P-384, secp384r1"})
    void namedGroup(String curlName, String group) throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 " + group + " (curl --curves " + curlName + ")");
        try (Layer45HttpsResponder server = serve("server-ec", s -> { })) {
            String[] r = curl(server, List.of("--curves", curlName), "/");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("layer45 saw TLSv1.3 ") && r[1].contains("group=" + group + " "), r[1]);
            assertEquals(group, server.sessions.get(0).getValue(Session.NAMED_GROUP_KEY));
        }
    }

    /**
     * HelloRetryRequest (RFC 8446 §4.1.4): curl's OpenSSL shares x25519 only; our server accepts only
     * secp384r1 (also in curl's supported_groups), so it must ask again. curl's trace shows two
     * ClientHellos; the tap shows the HRR and the second share.
     */
    @Test
    void helloRetryRequestToSecp384r1() throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 HelloRetryRequest (Layer45 server wants secp384r1, curl shared x25519)");
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"),
                List.of("secp384r1"), s -> { }); WireTap tap = new WireTap(server.port())) {
            String[] r = curl(tap.port(), List.of(), "/");
            assertEquals("0", r[0], r[1]);
            assertEquals(2, r[1].lines().filter(l -> l.contains("(OUT), TLS handshake, Client hello (1)")).count(), r[1]);
            assertEquals("secp384r1", server.sessions.get(0).getValue(Session.NAMED_GROUP_KEY));
            WireTap.Flow flow = tap.connection(0);
            assertEquals(List.of(TlsHellos.groupCode("x25519")), flow.clientHellos().get(0).keyShareGroups(),
                    flow::toString);
            InteropMatrix.note("curl -v: 2 x \"TLSv1.3 (OUT), TLS handshake, Client hello (1)\"; "
                    + flow.assertHelloRetryTo("secp384r1"));
        }
    }

    /**
     * KeyUpdate (RFC 8446 §4.6.3) from our server between the response head and the body: curl reads
     * the body under the new keys. curl has no way to send one (INTEROP.md §4); the tap shows it sent none.
     */
    @Test
    void keyUpdateFromOurServerMidResponse() throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 KeyUpdate (Layer45 server sends between response head and body)");
        try (Layer45HttpsResponder server = serve("server-ec", s -> { }); WireTap tap = new WireTap(server.port())) {
            server.keyUpdateMidResponse = true;
            String[] r = curl(tap.port(), List.of(), "/");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("layer45 saw TLSv1.3 "), "the body, sent under the new keys: " + r[1]);
            WireTap.Flow flow = tap.connection(0).awaitEnd(5_000);
            assertEquals(1, flow.fromServer.keyUpdates(0), flow::toString);
            assertEquals(0, flow.fromClient.keyUpdates(0), () -> "curl sent a KeyUpdate: make it a passing cell: "
                    + flow);
            assertTrue(r[1].contains("TLSv1.3 (IN), TLS handshake, Key update (24)"), "curl's own report: " + r[1]);
            InteropMatrix.note("the tap saw our KeyUpdate record; curl -v: TLSv1.3 (IN), TLS handshake, Key update (24)");
            InteropMatrix.limitation(CURL, "TLS1.3 KeyUpdate (curl-initiated)", "curl has no option to send a"
                    + " KeyUpdate (INTEROP.md §4); its encrypted records on this connection were "
                    + flow.fromClient.encryptedRecordLengths() + " bytes, none a KeyUpdate ("
                    + WireTap.TLS13_KEY_UPDATE_RECORD + ")");
        }
    }

    /** 64 MiB from our server to curl ({@code -o}), hashed on arrival (SHA-256). */
    @Test
    void download64MiB(@TempDir Path dir) throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 64 MiB download (Layer45 server -> curl), SHA-256 checked");
        BulkData data = BulkData.create(dir.resolve("bulk.bin"), BulkData.SIZE, 45, false);
        Path received = dir.resolve("received.bin");
        try (Layer45HttpsResponder server = serve("server-ec", s -> { })) {
            server.download = data;
            long start = System.nanoTime();
            String[] r = curl(server, List.of("--http1.1", "-o", received.toString()), "/bulk");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("SSL connection using TLSv1.3"), r[1]);
            assertEquals(data.size, Files.size(received));
            assertEquals(data.sha256, BulkData.sha256Of(received));
            InteropMatrix.note("SHA-256 " + data.sha256.substring(0, 16) + "... matched, " + millis + " ms");
        }
    }

    /**
     * 64 MiB from curl to our server ({@code --upload-file}, streamed, no {@code Expect: 100-continue}),
     * hashed by the server as it arrives and compared with the file's SHA-256.
     */
    @Test
    void upload64MiB(@TempDir Path dir) throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 64 MiB upload (curl -> Layer45 server), SHA-256 checked");
        BulkData data = BulkData.create(dir.resolve("bulk.bin"), BulkData.SIZE, 46, false);
        try (Layer45HttpsResponder server = serve("server-ec", s -> { })) {
            long start = System.nanoTime();
            String[] r = curl(server, List.of("--http1.1", "-H", "Expect:", "--upload-file", data.file.toString()),
                    "/upload");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("SSL connection using TLSv1.3"), r[1]);
            assertTrue(r[1].contains("received " + data.size + " bytes sha256=" + data.sha256), r[1]);
            InteropMatrix.note("SHA-256 " + data.sha256.substring(0, 16) + "... matched, " + millis + " ms");
        }
    }

    /**
     * close_notify (RFC 8446 §6.1) both ways, judged on the wire: our server ends its response with
     * close_notify ({@code Connection: close}), and curl, reading it, answers with its own before it
     * closes the socket. Each direction's last record before its end of stream is a TLS 1.3 alert.
     */
    @Test
    void closeNotifyBothWays() throws Exception {
        InteropMatrix.cell(CURL, "TLS1.3 close_notify Layer45 -> peer");
        InteropMatrix.also(CURL, "TLS1.3 close_notify peer -> Layer45");
        try (Layer45HttpsResponder server = serve("server-ec", s -> { }); WireTap tap = new WireTap(server.port())) {
            String[] r = curl(tap.port(), List.of("--http1.1"), "/");
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("layer45 saw TLSv1.3 "), r[1]);
            WireTap.Flow flow = tap.connection(0).awaitEnd(10_000);
            assertTrue(flow.fromServer.endedWithTls13Alert(0), () -> "we ended with close_notify: " + flow);
            assertTrue(flow.fromClient.endedWithTls13Alert(0), () -> "curl ended with close_notify: " + flow);
            InteropMatrix.note("tap: each sender's last record before its EOF a 19-byte TLS 1.3 alert; curl -v: "
                    + String.join(" / ", r[1].lines().filter(l -> l.contains("close notify")).map(String::strip)
                    .toList()));
        }
    }

    @Test
    void mlkemIsNotOfferedByCurl() throws Exception {
        String dimension = "TLS1.3 X25519MLKEM768";
        try (Layer45HttpsResponder server = serve("server-ec", s -> { })) {
            String[] r = curl(server, List.of(), "/");
            assertEquals("0", r[0], r[1]);
            Object group = server.sessions.get(0).getValue(Session.NAMED_GROUP_KEY);
            String backend = r[1].lines().filter(l -> l.startsWith("* SSL connection using")).findFirst().orElse("");
            if ("X25519MLKEM768".equals(group)) {
                InteropMatrix.cell(CURL, dimension);
            } else {
                // Our server puts X25519MLKEM768 first; curl's OpenSSL 3.0 backend offers no ML-KEM group.
                assertEquals("x25519", group);
                InteropMatrix.limitation(CURL, dimension, "curl's TLS library (" + curlTlsLibrary()
                        + ") offers no ML-KEM: our server, preferring X25519MLKEM768, negotiated " + group + "; "
                        + backend.substring(2));
            }
        }
    }

    private static String curlTlsLibrary() throws Exception {
        try (PeerProcess p = PeerProcess.start(pki.dir, List.of(curl, "--version"))) {
            p.waitFor(10_000);
            return p.output().lines().findFirst().orElse("").replaceAll(".*?(OpenSSL/\\S+).*", "$1");
        }
    }
}
