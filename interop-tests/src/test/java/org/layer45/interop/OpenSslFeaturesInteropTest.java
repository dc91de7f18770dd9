package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.ConnectionEvent;
import org.layer45.connection.ServerConnection;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * TLS 1.3 features against the real OpenSSL 3.0 beyond {@link OpenSslInteropTest}'s suite grid,
 * each in both roles and each proven by OpenSSL's own output: Ed25519 certificates,
 * HelloRetryRequest ({@code -msg} shows two ClientHellos), ALPN, SNI, and key updates started by
 * typing {@code k} / {@code K} into s_client or s_server, or started by our server.
 */
@Timeout(60)
class OpenSslFeaturesInteropTest {
    private static OpenSslPeer openssl;

    @BeforeAll
    static void setUp() throws Exception {
        openssl = OpenSslPeer.require();
    }

    private static List<String> tls13(String... extra) {
        List<String> out = new ArrayList<>(List.of("-tls1_3"));
        out.addAll(List.of(extra));
        return out;
    }

    @Test
    void ed25519CertificateBothRoles() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 ed25519-cert");
        InteropMatrix.also(OpenSslPeer.CLIENT, "TLS1.3 ed25519-cert");
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, tls13("-www", "-cert", "server-ed25519.pem", "-key",
                "server-ed25519.key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            String page = openssl.fetch(port, openssl.clientConfig().build(), session);
            assertTrue(page.contains("New, TLSv1.3"), page);
            assertEquals(SignatureScheme.ED25519, session.get().signatureScheme());
        }
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(openssl.serverConfig("ed25519").build(), tls13("-brief"), session);
        assertTrue(out.contains("Signature type: ed25519"), out);
        assertTrue(out.contains("Verification: OK"), out);
        assertEquals(SignatureScheme.ED25519, session.get().signatureScheme());
    }

    @Test
    void helloRetryRequestFromOpenSslServer() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 HelloRetryRequest (server wants P-384, we shared x25519)");
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, tls13("-www", "-msg", "-groups", "P-384", "-cert",
                "server-ec.pem", "-key", "server-ec.key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            openssl.fetch(port, openssl.clientConfig().build(), session);
            assertEquals(2, OpenSslPeer.messages(server.output(), "<<<", "ClientHello"), server.output());
            assertEquals(NamedGroup.SECP384R1, session.get().group());
            assertEquals(HandshakeType.MESSAGE_HASH, (int) session.get().handshakeMessages().get(0));
        }
    }

    @Test
    void helloRetryRequestToOpenSslClient() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 HelloRetryRequest (client shared P-384, we want x25519)");
        // s_client sends a key share for its first group only; we accept only its second one.
        Config config = openssl.serverConfig("ec").groups(List.of(NamedGroup.X25519)).build();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(config, tls13("-msg", "-groups", "P-384:X25519"), session);
        assertEquals(2, OpenSslPeer.messages(out, ">>>", "ClientHello"), out);
        assertTrue(out.contains("Server Temp Key: X25519"), out);
        assertEquals(NamedGroup.X25519, session.get().group());
    }

    @ParameterizedTest(name = "ALPN {0}")
    @ValueSource(strings = {"h2", "http/1.1"})
    void alpnBothRoles(String protocol) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 ALPN " + protocol);
        InteropMatrix.also(OpenSslPeer.CLIENT, "TLS1.3 ALPN " + protocol);
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, tls13("-www", "-alpn", protocol, "-cert", "server-ec.pem",
                "-key", "server-ec.key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            openssl.fetch(port, openssl.clientConfig().alpnProtocols(List.of("h2", "http/1.1")).build(), session);
            server.awaitOutput("ALPN protocols advertised by the client: h2, http/1.1", 5_000)
                    .awaitOutput("ALPN protocols selected: " + protocol, 5_000);
            assertEquals(protocol, session.get().alpn());
        }
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        String out = openssl.serveOne(openssl.serverConfig("ec").alpnProtocols(List.of(protocol)).build(),
                tls13("-alpn", "h2,http/1.1"), session);
        assertTrue(out.contains("ALPN protocol: " + protocol), out);
        assertEquals(protocol, session.get().alpn());
    }

    @Test
    void sniBothRoles() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 SNI (server picks the certificate by name)");
        InteropMatrix.also(OpenSslPeer.CLIENT, "TLS1.3 SNI (Layer45 picks the certificate by name)");
        int port = Peers.freePort();
        // s_server serves -cert2 to a client whose SNI is -servername, else -cert.
        try (PeerProcess server = openssl.server(port, tls13("-www", "-cert", "server-ec.pem", "-key",
                "server-ec.key", "-servername", "sni.localhost", "-cert2", "server-sni.pem", "-key2",
                "server-sni.key", "-naccept", "1"))) {
            AtomicReference<SessionInfo> session = new AtomicReference<>();
            openssl.fetch(port, openssl.clientConfig().serverName("sni.localhost").build(), session);
            server.awaitOutput("Hostname in TLS extension: \"sni.localhost\"", 5_000);
            assertEquals(openssl.pki.certificates("server-sni.pem").get(0), session.get().peerCertificates().get(0));
        }
        var sni = openssl.certifiedKey("server-sni");
        var fallback = openssl.certifiedKey("server-ec");
        Config config = Config.builder().certificateSelector((role, names, schemes, certSchemes) ->
                names.contains("sni.localhost") ? sni : fallback).build();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.start(openssl.pki.dir, List.of(openssl.openssl, "s_client",
                        "-connect", "127.0.0.1:" + listener.getLocalPort(), "-CAfile", "ca.pem", "-tls1_3",
                        "-verify_return_error", "-verify_hostname", "sni.localhost", "-servername", "sni.localhost"))) {
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(config))) {
                driver.handshake();
                assertEquals("sni.localhost", driver.connection().session().serverName());
                driver.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            }
            client.stdin().close();
            assertEquals(0, client.waitFor(10_000), client.output());
            assertTrue(client.output().contains("subject=CN = sni.localhost"), client.output());
            assertTrue(client.output().contains("Verify return code: 0 (ok)"), client.output());
        }
    }

    /** Who starts the key update: s_client typing k (no update requested) or K, or our server. */
    @ParameterizedTest(name = "KeyUpdate started by {0}")
    @ValueSource(strings = {"s_client k", "s_client K", "Layer45 server"})
    void keyUpdateWithOpenSslClient(String initiator) throws Exception {
        boolean ours = initiator.startsWith("Layer45");
        boolean answerRequested = !initiator.endsWith("k");
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 KeyUpdate (" + initiator
                + (answerRequested ? ", update_requested answered" : ", not requested") + ")");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.start(openssl.pki.dir,
                        openssl.clientCommand(listener.getLocalPort(), tls13("-msg")))) {
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(
                            openssl.serverConfig("ec").build()))) {
                driver.handshake();
                line(client, "hello");
                assertTrue(driver.readUntil("hello\n", 5_000).contains("hello\n"), driver.receivedText());
                if (ours) {
                    driver.connection().requestKeyUpdate(true); // RFC 8446 §4.6.3 update_requested
                    driver.flush();
                    // OpenSSL queues its answering KeyUpdate and sends it before its next application data.
                    line(client, "after");
                    assertTrue(driver.readUntil("after\n", 5_000).contains("after\n"), driver.receivedText());
                    List<ConnectionEvent.KeyUpdated> updates = new ArrayList<>();
                    for (ConnectionEvent e = driver.connection().pollEvent(); e != null;
                            e = driver.connection().pollEvent()) {
                        if (e instanceof ConnectionEvent.KeyUpdated k) {
                            updates.add(k);
                        }
                    }
                    assertTrue(updates.stream().anyMatch(ConnectionEvent.KeyUpdated::read), "s_client answered");
                } else {
                    line(client, initiator.substring(initiator.length() - 1));
                    List<ConnectionEvent.KeyUpdated> updates = driver.awaitKeyUpdates(answerRequested ? 2 : 1, 5_000);
                    assertTrue(updates.stream().anyMatch(ConnectionEvent.KeyUpdated::read), updates.toString());
                    assertEquals(answerRequested, updates.stream().anyMatch(u -> !u.read()), updates.toString());
                    line(client, "after");
                    assertTrue(driver.readUntil("after\n", 5_000).contains("after\n"), driver.receivedText());
                }
                driver.write("reply under new keys\n".getBytes(StandardCharsets.US_ASCII));
            }
            client.stdin().close();
            client.waitFor(10_000);
            String out = client.output();
            assertTrue(out.contains("reply under new keys"), out);
            assertEquals(ours || answerRequested ? 1 : 0, OpenSslPeer.messages(out, "<<<", "KeyUpdate"), out);
            assertEquals(1, OpenSslPeer.messages(out, ">>>", "KeyUpdate"), out);
        }
    }

    @ParameterizedTest(name = "s_server types {0}")
    @ValueSource(strings = {"k", "K"})
    void keyUpdateFromOpenSslServer(String command) throws Exception {
        boolean answerRequested = command.equals("K");
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 KeyUpdate (s_server " + command
                + (answerRequested ? ", update_requested answered" : ", not requested") + ")");
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, tls13("-msg", "-cert", "server-ec.pem", "-key",
                "server-ec.key", "-naccept", "1"));
                SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                        new ClientConnection(openssl.clientConfig().build()))) {
            driver.handshake();
            driver.write("hello\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitOutput("hello", 5_000);
            line(server, command);
            List<ConnectionEvent.KeyUpdated> updates = driver.awaitKeyUpdates(answerRequested ? 2 : 1, 5_000);
            assertTrue(updates.stream().anyMatch(ConnectionEvent.KeyUpdated::read), updates.toString());
            assertEquals(answerRequested, updates.stream().anyMatch(u -> !u.read()), updates.toString());
            line(server, "from s_server under new keys");
            assertTrue(driver.readUntil("from s_server under new keys", 5_000).contains("new keys"),
                    driver.receivedText());
            driver.write("from layer45 under new keys\n".getBytes(StandardCharsets.US_ASCII));
            server.awaitOutput("from layer45 under new keys", 5_000);
            assertEquals(1, OpenSslPeer.messages(server.output(), ">>>", "KeyUpdate"), server.output());
            assertEquals(answerRequested ? 1 : 0, OpenSslPeer.messages(server.output(), "<<<", "KeyUpdate"),
                    server.output());
        }
    }

    private static void line(PeerProcess p, String text) throws Exception {
        Thread.sleep(100); // one line per read: OpenSSL takes k/K only at the start of a read
        p.stdin().write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        p.stdin().flush();
    }
}
