package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.layer45.jsse.Session;

/**
 * A real browser, headless Chromium (INTEROP.md §5), loading a page from {@link Layer45HttpsResponder}
 * (Layer45's SSLServerSocket in this JVM) and trusting our test CA through an NSS database in a
 * throw-away HOME (no system-wide state is touched). Three runs, about 2 s each: TLS 1.3 with
 * X25519MLKEM768 (Chromium offers it; our server prefers it), TLS 1.2 with the RSA certificate, and an
 * Ed25519 certificate, which Chromium does not accept (then a peer limitation, with both ends' words).
 * Chromium's exit code is 0 even when the page fails, so success is our marker in the dumped DOM.
 */
@Timeout(120)
class ChromiumInteropTest {
    private static final String PEER = "Chromium (headless)";
    private static String chromium;
    private static TestPki pki;
    private static Path home;

    @BeforeAll
    static void setUp() throws Exception {
        chromium = Peers.require("chromium");
        String certutil = Peers.require("certutil");
        pki = TestPki.get();
        home = Files.createTempDirectory("layer45-chromium-home");
        Path nss = Files.createDirectories(home.resolve(".pki/nssdb"));
        run(List.of(certutil, "-d", "sql:" + nss, "-N", "--empty-password"));
        for (String ca : List.of("ec", "rsa")) {
            run(List.of(certutil, "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "layer45-test-" + ca, "-i",
                    pki.file("ca-" + ca + ".pem").toString()));
        }
        String version = run(List.of(chromium, "--version")).lines().filter(l -> l.startsWith("Chromium"))
                .findFirst().orElse("?");
        InteropMatrix.peerVersion(PEER, version);
    }

    @AfterAll
    static void cleanUp() throws IOException, InterruptedException {
        deleteTree(home);
    }

    private static String run(List<String> cmd) throws Exception {
        try (PeerProcess p = PeerProcess.start(pki.dir, cmd, Map.of("HOME", home.toString()))) {
            int rc = p.waitFor(60_000);
            if (rc != 0) {
                throw new AssertionError(cmd + " failed (" + rc + "):\n" + p.output());
            }
            return p.output();
        }
    }

    /** Chromium loads https://localhost:port/ once (fresh profile) and prints the DOM; returns all output. */
    private static String load(int port) throws Exception {
        Path profile = Files.createTempDirectory(home, "profile"); // removed with HOME after the class
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--host-resolver-rules=MAP localhost 127.0.0.1",
                "--dump-dom", "https://localhost:" + port + "/"));
        try (PeerProcess p = PeerProcess.start(pki.dir, cmd, Map.of("HOME", home.toString()))) {
            p.waitFor(60_000);
            return p.output();
        }
    }

    @Test
    void tls13WithX25519MlKem768() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 X25519MLKEM768");
        InteropMatrix.also(PEER, "TLS1.3 ec-cert");
        InteropMatrix.also(PEER, "TLS1.3 ALPN http/1.1 (Chromium offers h2,http/1.1)");
        InteropMatrix.also(PEER, "TLS1.3 SNI");
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"), s -> { })) {
            String out = load(server.port());
            assertTrue(out.contains("layer45 saw TLSv1.3 "), out);
            assertTrue(out.contains("group=X25519MLKEM768 alpn=http/1.1 sni=localhost"), out);
            SSLSession first = server.sessions.get(0);
            assertEquals("X25519MLKEM768", first.getValue(Session.NAMED_GROUP_KEY), Layer45Jsse.describe(first));
            assertEquals("TLSv1.3", first.getProtocol());
        }
    }

    /**
     * ALPN h2: Chromium loads a page from Jetty's HTTP/2 server ({@link Layer45JettyServer}) on a
     * Layer45 SSLContext; Jetty reports the HTTP version and the Layer45 session of the request.
     */
    @Test
    void alpnH2WithJettyOnLayer45() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 ALPN h2 (Jetty HTTP/2 on a Layer45 SSLContext)");
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(Layer45Jsse.context(pki, "server-ec"));
        try (Layer45JettyServer server = new Layer45JettyServer(tls)) {
            String out = load(server.port());
            assertTrue(out.contains("jetty on Layer45 TLSv1.3 http=HTTP/2.0 "), out);
        }
    }

    /**
     * close_notify (RFC 8446 §6.1), judged on the wire by a {@link WireTap}: our server ends each
     * response with close_notify and Chromium renders the page. Whether Chromium ends its side with
     * one is what its own records show; if none does, that is recorded as the peer's limitation.
     */
    @Test
    void closeNotify() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 close_notify Layer45 -> peer");
        String theirs = "TLS1.3 close_notify peer -> Layer45";
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"), s -> { });
                WireTap tap = new WireTap(server.port())) {
            String out = load(tap.port());
            assertTrue(out.contains("layer45 saw TLSv1.3 "), out);
            List<WireTap.Flow> flows = new ArrayList<>();
            for (int i = 0; i < tap.connectionCount(); i++) {
                flows.add(tap.connection(i).awaitEnd(15_000));
            }
            assertTrue(flows.stream().allMatch(f -> f.fromServer.endedWithTls13Alert(0)),
                    () -> "each of our connections ended with close_notify: " + flows);
            if (flows.stream().anyMatch(f -> f.fromClient.endedWithTls13Alert(0))) {
                InteropMatrix.also(PEER, theirs);
                return;
            }
            InteropMatrix.limitation(PEER, theirs, "tap: Chromium closed its " + flows.size() + " connection(s)"
                    + " without close_notify (its encrypted records, bytes: " + flows.stream()
                    .map(f -> f.fromClient.encryptedRecordLengths().toString()).toList() + ", none a final 19-byte"
                    + " alert), while each of ours ended with one");
        }
    }

    @Test
    void tls12OnlyServerWithRsaCertificate() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.2 rsa-cert");
        InteropMatrix.also(PEER, "TLS1.2 ALPN http/1.1");
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-rsa"),
                s -> s.setEnabledProtocols(new String[] {"TLSv1.2"}))) {
            String out = load(server.port());
            assertTrue(out.contains("layer45 saw TLSv1.2 TLS_ECDHE_RSA_WITH_"), out);
            assertTrue(out.contains("alpn=http/1.1"), out);
            assertEquals("TLSv1.2", server.sessions.get(0).getProtocol());
        }
    }

    /**
     * The page pulls three scripts from the same origin; our server closes every connection after
     * one response, so Chromium opens new connections for them, and those opened after our
     * NewSessionTicket arrived must resume the first session (TLS 1.3 PSK, RFC 8446 §2.2) —
     * Chromium's own choice to offer it. (Chromium may also open one spare connection together
     * with the first, before any ticket exists: that one is full, hence three scripts, not one.)
     */
    @Test
    void tls13ResumptionOfASecondConnection() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 resumption (PSK from ticket, second connection of one page)");
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"), s -> { })) {
            server.pageExtra = "<script src=\"/a.js\"></script><script src=\"/b.js\"></script>"
                    + "<script src=\"/c.js\"></script>";
            String out = load(server.port());
            assertTrue(out.contains("layer45 saw TLSv1.3 "), out);
            assertTrue(server.pages.size() >= 4, () -> "Chromium asked for the scripts: " + server.pages);
            assertEquals(Boolean.FALSE, server.sessions.get(0).getValue(Session.RESUMED_KEY));
            assertTrue(server.sessions.stream().skip(1).anyMatch(s -> Boolean.TRUE.equals(s.getValue(Session.RESUMED_KEY))),
                    () -> "no later connection resumed: " + server.pages);
            // Chromium may open a spare connection early (before the ticket arrives) and use it for the
            // script, so the resumed one is any later connection, with or without a request on it.
            InteropMatrix.note("connections resumed in order: " + server.sessions.stream()
                    .map(s -> String.valueOf(s.getValue(Session.RESUMED_KEY))).toList() + "; pages served: "
                    + server.pages.size());
        }
    }

    /**
     * HelloRetryRequest (RFC 8446 §4.1.4): our server accepts only P-256 or only P-384, for which
     * Chromium's first ClientHello (shares for X25519MLKEM768 and x25519) has no share, so the server
     * must ask again (the only way to make Chromium use these groups). Proven on the wire by a
     * {@link WireTap} between Chromium and the server, and by the server session's group.
     */
    @ParameterizedTest(name = "HelloRetryRequest to {0}")
    @ValueSource(strings = {"secp256r1", "secp384r1"})
    void helloRetryRequestTo(String group) throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 HelloRetryRequest (Layer45 server wants " + group + ", Chromium shared"
                + " X25519MLKEM768+x25519)");
        InteropMatrix.also(PEER, "TLS1.3 " + group);
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"),
                List.of(group), s -> { }); WireTap tap = new WireTap(server.port())) {
            String out = load(tap.port());
            assertTrue(out.contains("layer45 saw TLSv1.3 "), out);
            assertTrue(out.contains("group=" + group), out);
            assertEquals(group, server.sessions.get(0).getValue(Session.NAMED_GROUP_KEY));
            WireTap.Flow flow = tap.connection(0);
            assertTrue(flow.clientHellos().get(0).keyShareGroups().contains(TlsHellos.groupCode("x25519")),
                    flow::toString);
            InteropMatrix.note(flow.assertHelloRetryTo(group));
        }
    }

    /**
     * KeyUpdate (RFC 8446 §4.6.3): our server sends one (update_not_requested) between the response
     * head and the body, so Chromium reads the page under the new keys. Headless Chromium has no
     * switch to send a KeyUpdate of its own; the tap shows it sent none during this load (its
     * encrypted records, BoringSSL pads none, are listed as evidence).
     */
    @Test
    void keyUpdateFromOurServerMidResponse() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 KeyUpdate (Layer45 server sends between response head and body)");
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"), s -> { });
                WireTap tap = new WireTap(server.port())) {
            server.keyUpdateMidResponse = true;
            String out = load(tap.port());
            assertTrue(out.contains("layer45 saw TLSv1.3 "), "the body, sent under the new keys: " + out);
            List<WireTap.Flow> flows = new ArrayList<>();
            for (int i = 0; i < tap.connectionCount(); i++) {
                flows.add(tap.connection(i));
            }
            long ours = flows.stream().mapToLong(f -> f.fromServer.keyUpdates(0)).sum();
            long chromiums = flows.stream().mapToLong(f -> f.fromClient.keyUpdates(0)).sum();
            assertEquals(server.pages.size(), ours, () -> "one KeyUpdate per response: " + flows);
            assertEquals(0, chromiums, () -> "Chromium sent a KeyUpdate: make it a passing cell: " + flows);
            InteropMatrix.note("the tap saw " + ours + " KeyUpdate record(s) from us, then Chromium rendered the body");
            InteropMatrix.limitation(PEER, "TLS1.3 KeyUpdate (Chromium-initiated)", "headless Chromium has no"
                    + " command-line switch to send a KeyUpdate; during a page load with " + ours + " KeyUpdate(s)"
                    + " from us (update_not_requested) its encrypted records were " + flows.stream()
                    .map(f -> f.fromClient.encryptedRecordLengths().toString()).toList()
                    + " bytes, none a KeyUpdate (" + WireTap.TLS13_KEY_UPDATE_RECORD + ")");
        }
    }

    /**
     * Client authentication: the client key goes into the throw-away NSS database, and Chromium picks
     * it without a dialog only under a managed policy (INTEROP.md §5; without one it waits for a
     * picker forever). The policy file is system-wide, so it is written for this test and removed.
     */
    @Test
    void clientCertificateChosenByPolicy() throws Exception {
        InteropMatrix.cell(PEER, "TLS1.3 client authentication (certificate from NSS db, chosen by policy)");
        Path policies = Path.of("/etc/chromium/policies/managed");
        // Locally a non-root developer skips this one; CI (root, LAYER45_REQUIRE_PEERS) always runs it.
        org.junit.jupiter.api.Assumptions.assumeTrue(Peers.required() || Files.isWritable(Path.of("/etc")),
                "cannot write " + policies + " (not root)");
        pki.openssl("pkcs12 -export -in client-ec.pem -inkey client-ec.pk8 -out client-ec.p12 -passout pass:changeit"
                + " -name layer45-interop-client");
        run(List.of(Peers.require("pk12util"), "-d", "sql:" + home.resolve(".pki/nssdb"), "-i",
                pki.file("client-ec.p12").toString(), "-W", "changeit"));
        Files.createDirectories(policies);
        Path policy = policies.resolve("layer45-interop-test.json");
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(Layer45Jsse.context(pki, "server-ec"),
                s -> s.setNeedClientAuth(true))) {
            String pattern = "https://localhost:" + server.port();
            Files.writeString(policy, "{\"AutoSelectCertificateForUrls\": [\"{\\\"pattern\\\":\\\"" + pattern
                    + "\\\",\\\"filter\\\":{\\\"ISSUER\\\":{\\\"CN\\\":\\\"Layer45-Test-Root-ec\\\"}}}\"]}\n");
            String out = load(server.port());
            assertTrue(out.contains("layer45 saw TLSv1.3 "), out);
            assertTrue(out.contains("client=CN=interop_client"), out);
            assertEquals("CN=interop_client", server.sessions.get(0).getPeerPrincipal().getName());
        } finally {
            Files.deleteIfExists(policy);
        }
    }

    @Test
    void ed25519Certificate() throws Exception {
        String dimension = "TLS1.3 ed25519-cert";
        SchemeRecordingKeyManager km = new SchemeRecordingKeyManager(
                (X509ExtendedKeyManager) Layer45Jsse.keyManagers(pki, "server-ed25519")[0]);
        SSLContext ctx = SSLContext.getInstance("TLS", Layer45Jsse.PROVIDER);
        ctx.init(new KeyManager[] {km}, Layer45Jsse.trustManagers(pki, "ca.pem"), null);
        try (Layer45HttpsResponder server = new Layer45HttpsResponder(ctx, s -> { })) {
            String out = load(server.port());
            if (out.contains("layer45 saw TLSv1.3")) {
                InteropMatrix.cell(PEER, dimension);
                return;
            }
            String error = out.lines().filter(l -> l.contains("net::ERR_")).findFirst().orElse("");
            assertTrue(error.contains("ERR_SSL_VERSION_OR_CIPHER_MISMATCH"), out);
            assertNotNull(server.awaitFailure(5_000), "our server refused the handshake");
            assertFalse(km.offered.isEmpty(), "Chromium's signature_algorithms were seen");
            assertFalse(km.offered.get(0).stream().anyMatch(a -> a.equalsIgnoreCase("ed25519")), km.offered.toString());
            InteropMatrix.limitation(PEER, dimension, "Chromium's signature_algorithms " + km.offered.get(0)
                    + " have no ed25519; it reported " + error.replaceAll(".*(net::ERR_\\w+).*", "$1")
                    + "; the Layer45 server: " + server.firstFailure());
        }
    }

    /** A key manager that notes the peer's signature_algorithms (from the handshake session) on each choice. */
    private static final class SchemeRecordingKeyManager extends X509ExtendedKeyManager {
        final List<List<String>> offered = new CopyOnWriteArrayList<>();
        private final X509ExtendedKeyManager km;

        SchemeRecordingKeyManager(X509ExtendedKeyManager km) {
            this.km = km;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            if (socket instanceof SSLSocket s && s.getHandshakeSession() instanceof ExtendedSSLSession h
                    && offered.isEmpty()) {
                offered.add(List.of(h.getPeerSupportedSignatureAlgorithms()));
            }
            return km.chooseServerAlias(keyType, issuers, socket);
        }

        // @formatter:off
        @Override public String[] getClientAliases(String t, Principal[] i) { return km.getClientAliases(t, i); }
        @Override public String chooseClientAlias(String[] t, Principal[] i, Socket s) {
            return km.chooseClientAlias(t, i, s);
        }
        @Override public String[] getServerAliases(String t, Principal[] i) { return km.getServerAliases(t, i); }
        @Override public X509Certificate[] getCertificateChain(String a) { return km.getCertificateChain(a); }
        @Override public PrivateKey getPrivateKey(String a) { return km.getPrivateKey(a); }
        // @formatter:on
    }

    /** Deletes the throw-away HOME; retried, since Chromium's helper processes may still be writing. */
    private static void deleteTree(Path root) throws IOException, InterruptedException {
        if (root == null) {
            return;
        }
        for (int attempt = 1; Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException stillInUse) {
                if (attempt == 5) {
                    throw stillInUse;
                }
                Thread.sleep(200);
            }
        }
    }
}
