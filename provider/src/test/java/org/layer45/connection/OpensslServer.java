package org.layer45.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback plumbing for tests that start {@code openssl s_server}: a free port, and a connect that waits for it. */
public final class OpensslServer {
    private OpensslServer() {
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A socket to the server on {@code port} (20 s read timeout), retried for 5 s while it starts. */
    public static Socket connect(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                s.setSoTimeout(20_000);
                return s;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("openssl s_server did not start on port " + port);
    }
}
