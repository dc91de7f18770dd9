package org.layer45.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server -www} on a free loopback port (INTEROP.md §1): readiness is the line
 * "ACCEPT"; {@code -www} answers each "GET /" with a status page showing the server's view of the
 * connection, and keeps serving until {@link #close()} kills it.
 */
public final class OpenSslServer implements AutoCloseable {
    public final int port;
    private final PeerProcess process;

    private OpenSslServer(int port, PeerProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts s_server with the server certificate of {@code certs} and the extra {@code args}. */
    public static OpenSslServer start(TestCerts certs, Path cert, Path key, String... args) throws Exception {
        String openssl = Peers.require("openssl");
        int port = Peers.freePort();
        List<String> cmd = new ArrayList<>(List.of(openssl, "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                cert.toString(), "-key", key.toString(), "-www"));
        cmd.addAll(List.of(args));
        PeerProcess p = PeerProcess.start(certs.dir, cmd);
        try {
            p.awaitOutput("ACCEPT", 10_000);
        } catch (AssertionError | InterruptedException e) {
            p.close();
            throw e;
        }
        return new OpenSslServer(port, p);
    }

    public static OpenSslServer start(TestCerts certs, String... args) throws Exception {
        return start(certs, certs.serverCert, certs.serverKey, args);
    }

    public String output() {
        return process.output();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
