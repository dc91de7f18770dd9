package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layer45.connection.Config;
import org.layer45.connection.ServerConnection;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.NamedGroup;

/**
 * X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem) with the native peers that may lack it. Each test asks
 * the peer what it has and then tries for real, both roles: our client offers X25519MLKEM768 first
 * (with a key share), and our server accepts nothing else. When the peer lists ML-KEM, the hybrid
 * group must be negotiated (a pass); when it does not, the peer must pick x25519 from our offer and
 * fail against our ML-KEM-only server, and the cell is filed as a peer limitation with the peer's
 * own output as evidence. So the matrix turns into passes by itself once the peer gains ML-KEM.
 */
@Timeout(60)
class PostQuantumGroupInteropTest {
    private static final String DIMENSION = "TLS1.3 X25519MLKEM768";

    private static boolean listsMlKem(String output) {
        String u = output.toUpperCase(Locale.ROOT);
        return u.contains("MLKEM") || u.contains("ML-KEM");
    }

    private static String run(Path dir, List<String> command) throws Exception {
        try (PeerProcess p = PeerProcess.start(dir, command)) {
            p.waitFor(10_000);
            return p.output().strip();
        }
    }

    private static Config mlkemOnlyServer(Config.Builder b) {
        return b.groups(List.of(NamedGroup.X25519_MLKEM768)).build();
    }

    @Test
    void openSsl() throws Exception {
        OpenSslPeer openssl = OpenSslPeer.require();
        String kems = run(openssl.pki.dir, List.of(openssl.openssl, "list", "-kem-algorithms"));
        boolean has = listsMlKem(kems);

        int port = Peers.freePort();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        try (PeerProcess server = openssl.server(port, List.of("-www", "-tls1_3", "-cert", "server-ec.pem", "-key",
                "server-ec.key", "-naccept", "1"))) {
            openssl.fetch(port, openssl.clientConfig().build(), session);
        }
        String chosen = session.get().group().name();
        if (has) {
            InteropMatrix.cell(OpenSslPeer.SERVER, DIMENSION);
            assertEquals(NamedGroup.X25519_MLKEM768, session.get().group());
        } else {
            assertEquals(NamedGroup.X25519, session.get().group());
            InteropMatrix.limitation(OpenSslPeer.SERVER, DIMENSION, "`openssl list -kem-algorithms`: " + kems
                    + "; s_server chose " + chosen + " from our X25519MLKEM768 + x25519 key shares");
        }

        String clientOut = runOpenSslClientAgainstMlKemOnlyServer(openssl);
        if (has) {
            InteropMatrix.also(OpenSslPeer.CLIENT, DIMENSION);
            assertTrue(clientOut.contains("Protocol version: TLSv1.3"), clientOut);
        } else {
            String alert = clientOut.lines().filter(l -> l.contains("alert")).findFirst().orElse("");
            assertTrue(alert.contains("handshake failure"), clientOut);
            InteropMatrix.limitation(OpenSslPeer.CLIENT, DIMENSION, "`openssl list -kem-algorithms`: " + kems
                    + "; s_client vs our X25519MLKEM768-only server: " + alert.replaceAll("^.*:error:", "error:"));
        }
    }

    private static String runOpenSslClientAgainstMlKemOnlyServer(OpenSslPeer openssl) throws Exception {
        Attempt a = againstMlKemOnlyServer(openssl, port -> openssl.clientCommand(port, List.of("-tls1_3", "-brief")));
        assertEquals(a.failed, a.rc != 0, a.output);
        return a.output;
    }

    /** How the peer's client fared against our ML-KEM-only server: our handshake failed, its exit code, its output. */
    private record Attempt(boolean failed, int rc, String output) {
    }

    /** Runs the peer's client (the command for our port) against one connection of our ML-KEM-only server. */
    private static Attempt againstMlKemOnlyServer(CorePeer peer, IntFunction<List<String>> clientCommand)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.start(peer.pki.dir, clientCommand.apply(listener.getLocalPort()))) {
            listener.setSoTimeout(10_000);
            boolean failed;
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(
                            mlkemOnlyServer(peer.serverConfig("ec"))))) {
                driver.handshake();
                failed = false;
            } catch (TlsFailure noCommonGroup) {
                failed = true;
            }
            client.stdin().close();
            int rc = client.waitFor(10_000);
            return new Attempt(failed, rc, client.output());
        }
    }

    @Test
    void gnuTls() throws Exception {
        GnuTlsPeer gnutls = GnuTlsPeer.require();
        String groups = run(gnutls.pki.dir, List.of(gnutls.cli, "--list")).lines()
                .filter(l -> l.startsWith("Groups:")).findFirst().orElse("(no Groups line)");
        boolean has = listsMlKem(groups);

        int port = Peers.freePort();
        AtomicReference<SessionInfo> session = new AtomicReference<>();
        try (PeerProcess server = gnutls.server(port, "ec", List.of("--http"))) {
            SocketDriver.fetch(port, gnutls.clientConfig().build(), session, "GET / HTTP/1.0\r\n\r\n");
        }
        if (has) {
            InteropMatrix.cell(GnuTlsPeer.SERVER, DIMENSION);
            assertEquals(NamedGroup.X25519_MLKEM768, session.get().group());
        } else {
            assertEquals(NamedGroup.X25519, session.get().group());
            InteropMatrix.limitation(GnuTlsPeer.SERVER, DIMENSION, "`gnutls-cli --list` " + groups
                    + "; gnutls-serv chose " + session.get().group().name() + " from our X25519MLKEM768 + x25519 shares");
        }

        Attempt a = againstMlKemOnlyServer(gnutls, p -> gnutls.clientCommand(p, List.of()));
        String out = a.output;
        if (has) {
            InteropMatrix.also(GnuTlsPeer.CLIENT, DIMENSION);
            assertFalse(a.failed, out);
            assertEquals(0, a.rc, out);
        } else {
            assertTrue(a.failed, out);
            assertNotEquals(0, a.rc, out);
            String alert = out.lines().filter(l -> l.contains("Received alert")).findFirst()
                    .orElse(out.lines().filter(l -> l.startsWith("*** ")).findFirst().orElse(""));
            assertTrue(alert.contains("alert"), out);
            InteropMatrix.limitation(GnuTlsPeer.CLIENT, DIMENSION, "`gnutls-cli --list` " + groups
                    + "; gnutls-cli vs our X25519MLKEM768-only server: " + alert);
        }
    }
}
