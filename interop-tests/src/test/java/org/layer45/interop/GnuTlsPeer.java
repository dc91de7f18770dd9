package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.layer45.connection.Config;
import org.layer45.connection.ServerConnection;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;

/**
 * GnuTLS's {@code gnutls-serv} and {@code gnutls-cli} (INTEROP.md §2) as peers of our core.
 * gnutls-serv has no bind-address option and listens on 0.0.0.0 and ::, so our client always dials
 * 127.0.0.1; its readiness line is "... Server listening on IPv4 0.0.0.0 port N...done".
 */
final class GnuTlsPeer extends CorePeer {
    static final String SERVER = "GnuTLS gnutls-serv";
    static final String CLIENT = "GnuTLS gnutls-cli";
    /** gnutls-serv prints this for every connection that resumed a session (and gnutls-cli for its own). */
    static final String RESUMED = "*** This is a resumed session";

    final String cli;
    final String serv;

    private GnuTlsPeer(String cli, String serv, TestPki pki) {
        super(pki);
        this.cli = cli;
        this.serv = serv;
    }

    /** Requires gnutls-cli and gnutls-serv (skip locally / fail in CI); records the version. */
    static GnuTlsPeer require() throws Exception {
        String cli = Peers.require("gnutls-cli");
        String serv = Peers.require("gnutls-serv");
        TestPki pki = TestPki.get();
        try (PeerProcess p = PeerProcess.start(pki.dir, List.of(cli, "--version"))) {
            p.waitFor(10_000);
            String version = p.output().lines().findFirst().orElse("");
            InteropMatrix.peerVersion(SERVER, version);
            InteropMatrix.peerVersion(CLIENT, version);
        }
        return new GnuTlsPeer(cli, serv, pki);
    }

    /** {@code gnutls-serv --port=port --x509certfile=server-<cert>.pem ...} with {@code args}, once listening. */
    PeerProcess server(int port, String cert, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(serv, "--port=" + port, "--x509certfile=server-" + cert + ".pem",
                "--x509keyfile=server-" + cert + ".key"));
        cmd.addAll(args);
        // gnutls-serv prints "... port N..." before it binds and "done" after it listens: wait for both.
        return PeerProcess.start(pki.dir, cmd).awaitOutput("listening on IPv4 0.0.0.0 port " + port + "...done",
                10_000);
    }

    /** gnutls-cli dialling 127.0.0.1 with our CA, SNI and hostname check for localhost. */
    List<String> clientCommand(int port, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(cli, "127.0.0.1", "--port=" + port, "--x509cafile=ca.pem",
                "--verify-hostname=localhost", "--sni-hostname=localhost"));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Our server answers {@code connections} gnutls-cli connections (more than one with
     * {@code --resume}); on the last, it reads gnutls-cli's line and answers. gnutls-cli must end
     * with rc 0; returns its output.
     */
    String serve(Config config, int connections, List<String> cliArgs, List<SessionInfo> sessions)
            throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (PeerProcess client = PeerProcess.start(pki.dir, clientCommand(listener.getLocalPort(), cliArgs))) {
                client.stdin().write("hello from gnutls\n".getBytes(StandardCharsets.US_ASCII));
                client.stdin().flush();
                listener.setSoTimeout(10_000);
                for (int i = 0; i < connections; i++) {
                    try (Socket socket = listener.accept();
                            SocketDriver driver = new SocketDriver(socket, new ServerConnection(config))) {
                        driver.handshake();
                        sessions.add(driver.connection().session());
                        if (i == connections - 1) {
                            String got = driver.readUntil("hello from gnutls", 10_000);
                            assertTrue(got.contains("hello from gnutls"), "received: " + got);
                            driver.write("hello from layer45\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
                client.stdin().close();
                int rc = client.waitFor(10_000);
                assertEquals(0, rc, client.output());
                return client.output();
            }
        }
    }

    /**
     * The TLS 1.3 cells both directions run: every suite × the groups gnutls 3.7 has, each as
     * (our suite, gnutls cipher name, our group, gnutls group name).
     */
    static Stream<Arguments> tls13SuitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        String[][] suites = {{"TLS_AES_128_GCM_SHA256", "AES-128-GCM"}, {"TLS_AES_256_GCM_SHA384", "AES-256-GCM"},
            {"TLS_CHACHA20_POLY1305_SHA256", "CHACHA20-POLY1305"}};
        String[][] groups = {{"x25519", "X25519"}, {"secp256r1", "SECP256R1"}, {"secp384r1", "SECP384R1"}};
        for (String[] s : suites) {
            for (String[] g : groups) {
                out.add(Arguments.of(CipherSuite.byName(s[0]), s[1], NamedGroup.byName(g[0]), g[1]));
            }
        }
        return out.stream();
    }

    /** A priority string: NORMAL restricted to one version ("1.2" / "1.3") and the given extra items. */
    static String priority(String version, String... items) {
        StringBuilder sb = new StringBuilder("--priority=NORMAL:-VERS-ALL:+VERS-TLS" + version);
        for (String item : items) {
            sb.append(':').append(item);
        }
        return sb.toString();
    }
}
