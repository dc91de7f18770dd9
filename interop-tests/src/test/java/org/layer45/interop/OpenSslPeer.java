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

import org.layer45.connection.Config;
import org.layer45.connection.ServerConnection;
import org.layer45.handshake.SessionInfo;

/**
 * The real {@code openssl} binary as a peer of our sans-I/O core (INTEROP.md §1): starts
 * {@code s_server}, runs our client against it, or runs one {@code s_client} against our server.
 * Shared by the OpenSSL test classes beyond {@link OpenSslInteropTest}.
 */
final class OpenSslPeer extends CorePeer {
    static final String SERVER = "OpenSSL s_server";
    static final String CLIENT = "OpenSSL s_client";

    final String openssl;

    private OpenSslPeer(String openssl, TestPki pki) {
        super(pki);
        this.openssl = openssl;
    }

    /** Requires openssl (skip locally / fail in CI) and records its version in the matrix. */
    static OpenSslPeer require() throws Exception {
        String openssl = Peers.require("openssl");
        TestPki pki = TestPki.get();
        try (PeerProcess p = PeerProcess.start(pki.dir, List.of(openssl, "version"))) {
            p.waitFor(10_000);
            InteropMatrix.peerVersion(SERVER, p.output());
            InteropMatrix.peerVersion(CLIENT, p.output());
        }
        return new OpenSslPeer(openssl, pki);
    }

    /** {@code s_server -accept 127.0.0.1:port} with {@code args}, once it printed ACCEPT. */
    PeerProcess server(int port, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port));
        cmd.addAll(args);
        return PeerProcess.start(pki.dir, cmd).awaitOutput("ACCEPT", 10_000);
    }

    /** Our client fetches the {@code -www} status page (it shows the server's view of the session). */
    String fetch(int port, Config config, AtomicReference<SessionInfo> session) throws Exception {
        return SocketDriver.fetch(port, config, session, "GET / HTTP/1.0\r\n\r\n");
    }

    /** {@code s_client} aimed at {@code port} with our CA, SNI and hostname check for localhost. */
    List<String> clientCommand(int port, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port, "-CAfile",
                "ca.pem", "-verify_return_error", "-verify_hostname", "localhost", "-servername", "localhost"));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Our server answers one s_client (which must end with rc 0): it reads s_client's line, answers
     * with one of its own and closes with close_notify. Returns s_client's output.
     */
    String serveOne(Config config, List<String> clientArgs, AtomicReference<SessionInfo> session) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (PeerProcess client = PeerProcess.start(pki.dir, clientCommand(listener.getLocalPort(), clientArgs))) {
                client.stdin().write("hello from s_client\n".getBytes(StandardCharsets.US_ASCII));
                client.stdin().flush();
                listener.setSoTimeout(10_000);
                try (Socket socket = listener.accept();
                        SocketDriver driver = new SocketDriver(socket, new ServerConnection(config))) {
                    driver.handshake();
                    session.set(driver.connection().session());
                    String got = driver.readUntil("hello from s_client", 10_000);
                    assertTrue(got.contains("hello from s_client"), "received: " + got);
                    driver.write("hello from layer45\n".getBytes(StandardCharsets.US_ASCII));
                }
                client.stdin().close();
                int rc = client.waitFor(10_000);
                assertEquals(0, rc, client.output());
                return client.output();
            }
        }
    }

    /** How many lines of s_client / s_server {@code -msg} output show a message of this name going {@code dir}. */
    static long messages(String output, String direction, String message) {
        return output.lines().filter(l -> l.startsWith(direction + " TLS 1.3, Handshake")
                || l.startsWith(direction + " TLS 1.2, Handshake")).filter(l -> l.endsWith(", " + message)).count();
    }
}
