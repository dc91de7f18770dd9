package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.ServerConnection;

/**
 * close_notify (RFC 8446 §6.1) in both directions and both roles, each judged by the receiver's own
 * report, which tells an orderly close from a truncation: OpenSSL's s_server prints {@code DONE} for a
 * close_notify and {@code ERROR ... unexpected eof while reading} for a bare TCP close, s_client
 * prints {@code closed}, gnutls-cli "Peer has closed the GnuTLS connection"; our core reports
 * {@code isInboundClosed()} only for a close_notify (a bare EOF leaves it false).
 */
@Timeout(60)
class CloseNotifyInteropTest {
    private static OpenSslPeer openssl;

    @BeforeAll
    static void setUp() throws Exception {
        openssl = OpenSslPeer.require();
    }

    @Test
    void ourClientClosesOpenSslServerSeesCloseNotify() throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 close_notify Layer45 -> peer");
        int port = Peers.freePort();
        try (PeerProcess server = openssl.server(port, List.of("-tls1_3", "-cert", "server-ec.pem", "-key",
                "server-ec.key", "-naccept", "1"))) {
            try (SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                    new ClientConnection(openssl.clientConfig().build()))) {
                driver.handshake();
                driver.write("bye\n".getBytes(StandardCharsets.US_ASCII));
            } // close(): close_notify, then the socket closes
            server.awaitOutput("DONE", 5_000).awaitOutput("CONNECTION CLOSED", 5_000);
            assertFalse(server.output().contains("unexpected eof"), server.output());
        }
    }

    @Test
    void openSslServerClosesWeSeeCloseNotify(@TempDir Path dir) throws Exception {
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 close_notify peer -> Layer45");
        int port = Peers.freePort();
        // Seen here: with -quiet -no_ign_eof, s_server answers the end of its stdin with SSL_shutdown
        // (close_notify); without -quiet it closes the TCP socket first (a bare EOF).
        try (PeerProcess server = PeerProcess.startWithFiles(openssl.pki.dir, List.of(openssl.openssl, "s_server",
                "-accept", "127.0.0.1:" + port, "-tls1_3", "-cert", "server-ec.pem", "-key", "server-ec.key",
                "-quiet", "-no_ign_eof", "-naccept", "1"), null, dir.resolve("s_server.out"))) {
            Peers.awaitListening(port, 10_000);
            try (SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                    new ClientConnection(openssl.clientConfig().build()))) {
                driver.handshake();
                server.stdin().write("last words\n".getBytes(StandardCharsets.US_ASCII));
                server.stdin().close();
                assertTrue(driver.readToEnd().contains("last words"), driver.receivedText());
                assertTrue(driver.connection().isInboundClosed(), "ended by close_notify, not a bare EOF");
                assertEquals(null, driver.connection().failure());
            }
        }
    }

    @Test
    void ourServerClosesOpenSslClientSeesCloseNotify() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 close_notify Layer45 -> peer");
        serveOne(openssl, port -> openssl.clientCommand(port, List.of("-tls1_3")),
                (driver, client) -> driver.write("last words\n".getBytes(StandardCharsets.US_ASCII)),
                client -> {
                    assertEquals(0, client.waitFor(10_000), client.output());
                    assertTrue(client.output().contains("last words"), client.output());
                    assertTrue(client.output().lines().anyMatch("closed"::equals), client.output());
                    assertFalse(client.output().contains("unexpected eof"), client.output());
                });
    }

    @Test
    void openSslClientClosesWeSeeCloseNotify() throws Exception {
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 close_notify peer -> Layer45");
        serveOne(openssl, port -> openssl.clientCommand(port, List.of("-tls1_3")), (driver, client) -> {
            client.stdin().write("last words\n".getBytes(StandardCharsets.US_ASCII));
            client.stdin().close(); // s_client without -ign_eof: stdin EOF -> close_notify
            assertTrue(driver.readToEnd().contains("last words"), driver.receivedText());
            assertTrue(driver.connection().isInboundClosed(), "ended by close_notify, not a bare EOF");
        }, client -> assertEquals(0, client.waitFor(10_000), client.output()));
    }

    @Test
    void closeNotifyBothWaysWithGnuTlsClient() throws Exception {
        GnuTlsPeer gnutls = GnuTlsPeer.require();
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 close_notify peer -> Layer45");
        InteropMatrix.also(GnuTlsPeer.CLIENT, "TLS1.3 close_notify Layer45 -> peer");
        // 1. gnutls-cli at the end of its stdin says goodbye with close_notify.
        serveOne(gnutls, port -> gnutls.clientCommand(port, List.of()), (driver, client) -> {
            client.stdin().write("last words\n".getBytes(StandardCharsets.US_ASCII));
            client.stdin().close();
            assertTrue(driver.readToEnd().contains("last words"), driver.receivedText());
            assertTrue(driver.connection().isInboundClosed(), "ended by close_notify, not a bare EOF");
            assertEquals(0, client.waitFor(10_000), client.output());
        }, client -> { }); // gnutls-cli exited above, before our close_notify
        // 2. We close first; gnutls-cli reports the orderly close.
        serveOne(gnutls, port -> gnutls.clientCommand(port, List.of()),
                (driver, client) -> driver.write("last words\n".getBytes(StandardCharsets.US_ASCII)),
                client -> {
                    assertEquals(0, client.waitFor(10_000), client.output());
                    assertTrue(client.output().contains("- Peer has closed the GnuTLS connection"), client.output());
                });
    }

    @Test
    void gnutlsServerClosesWeSeeCloseNotify() throws Exception {
        GnuTlsPeer gnutls = GnuTlsPeer.require();
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 close_notify peer -> Layer45");
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http"));
                SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                        new ClientConnection(gnutls.clientConfig().build()))) {
            driver.handshake();
            driver.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(driver.readToEnd().contains("GnuTLS"), driver.receivedText());
            assertTrue(driver.connection().isInboundClosed(), "gnutls-serv ended its answer with close_notify");
        }
    }

    /**
     * gnutls-serv {@code --echo} reports a truncation ("The TLS connection was non-properly
     * terminated") and says nothing for a close_notify. So our client closes one connection with
     * close_notify and then a second one with a bare TCP close: gnutls-serv, serving one connection
     * at a time, must report the second and only the second.
     */
    @Test
    void ourClientClosesGnuTlsServerSeesCloseNotify() throws Exception {
        GnuTlsPeer gnutls = GnuTlsPeer.require();
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 close_notify Layer45 -> peer");
        String truncated = "The TLS connection was non-properly terminated";
        int port = Peers.freePort();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--echo"))) {
            for (boolean closeNotify : new boolean[] {true, false}) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                try (SocketDriver driver = new SocketDriver(socket, new ClientConnection(
                        gnutls.clientConfig().build()))) {
                    driver.handshake();
                    driver.write("echo me\n".getBytes(StandardCharsets.US_ASCII));
                    driver.readUntil("echo me", 5_000);
                    if (!closeNotify) {
                        socket.close(); // before the driver's close could send close_notify
                    }
                }
            }
            server.awaitOutput(truncated, 5_000);
            assertEquals(1, server.output().split(truncated, -1).length - 1, server.output());
            InteropMatrix.note("gnutls-serv reported \"" + truncated + "\" for the bare TCP close only");
        }
    }

    /** What a test does on our server's open connection with the peer's client. */
    @FunctionalInterface
    private interface OnConnection {
        void run(SocketDriver driver, PeerProcess client) throws Exception;
    }

    /** What a test checks of the peer's client once our side has closed. */
    @FunctionalInterface
    private interface AfterClose {
        void run(PeerProcess client) throws Exception;
    }

    /**
     * Starts the peer's client (the command for our port) and serves its one connection with our
     * ECDSA server: {@code open} runs after the handshake, then our side closes (close_notify), then
     * {@code closed} runs while the client process is still ours to wait for.
     */
    private static void serveOne(CorePeer peer, IntFunction<List<String>> clientCommand,
            OnConnection open, AfterClose closed) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.start(peer.pki.dir, clientCommand.apply(listener.getLocalPort()))) {
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(
                            peer.serverConfig("ec").build()))) {
                driver.handshake();
                open.run(driver, client);
            }
            closed.run(client);
        }
    }
}
