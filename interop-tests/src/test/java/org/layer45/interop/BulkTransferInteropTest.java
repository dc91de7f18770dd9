package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.ServerConnection;
import org.layer45.error.TlsFailure;
import org.layer45.jsse.Session;

/**
 * 64 MiB each way with a SHA-256 check of what arrived, against real peers: OpenSSL and GnuTLS's
 * gnutls-cli through our sans-I/O core (the peer's side of the data goes through files: {@code -quiet} s_server /
 * s_client write exactly what they received to stdout), and {@code gnutls-serv --echo} through our
 * JSSE SSLSocket (writer and reader threads at once; gnutls-serv's echo is line-based, so the data is
 * base64-alphabet text lines).
 */
@Timeout(120)
class BulkTransferInteropTest {
    private static final String DIMENSION = "64 MiB each way, SHA-256 checked";
    private static TestPki pki;
    @TempDir
    static Path dir;
    private static BulkData up;
    private static BulkData down;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
        up = BulkData.create(dir.resolve("up.bin"), BulkData.SIZE, 1, false);
        down = BulkData.create(dir.resolve("down.bin"), BulkData.SIZE, 2, false);
    }

    @Test
    void ourClientWithOpenSslServer() throws Exception {
        OpenSslPeer openssl = OpenSslPeer.require();
        InteropMatrix.cell(OpenSslPeer.SERVER, "TLS1.3 " + DIMENSION);
        Path received = dir.resolve("s_server.out");
        int port = Peers.freePort();
        // -quiet implies -ign_eof for s_server; -no_ign_eof: at the end of its stdin it sends close_notify.
        try (PeerProcess server = PeerProcess.startWithFiles(pki.dir, List.of(openssl.openssl, "s_server", "-accept",
                "127.0.0.1:" + port, "-cert", "server-ec.pem", "-key", "server-ec.key", "-tls1_3", "-quiet",
                "-no_ign_eof", "-naccept", "1"), null, received)) {
            Peers.awaitListening(port, 10_000);
            try (SocketDriver driver = new SocketDriver(new Socket(InetAddress.getLoopbackAddress(), port),
                    new ClientConnection(openssl.clientConfig().build()))) {
                driver.handshake();
                sendFile(driver, up.file);
                BulkData.awaitSize(received, up.size, 60_000);
                assertEquals(up.sha256, BulkData.sha256Of(received), "what s_server received");

                CompletableFuture<Void> feeder = pump(Files.newInputStream(down.file), server.stdin());
                assertEquals(down.sha256, receiveAll(driver, down.size, true), "what we received");
                feeder.get(10, TimeUnit.SECONDS);
                assertTrue(driver.connection().isInboundClosed(), "s_server ended with close_notify");
            }
        }
    }

    @Test
    void openSslClientWithOurServer() throws Exception {
        OpenSslPeer openssl = OpenSslPeer.require();
        InteropMatrix.cell(OpenSslPeer.CLIENT, "TLS1.3 " + DIMENSION);
        Path received = dir.resolve("s_client.out");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.startWithFiles(pki.dir,
                        openssl.clientCommand(listener.getLocalPort(), List.of("-tls1_3", "-quiet", "-nocommands")),
                        null, received)) {
            CompletableFuture<Void> feeder = pump(Files.newInputStream(up.file), client.stdin());
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(
                            openssl.serverConfig("ec").build()))) {
                driver.handshake();
                assertEquals(up.sha256, receiveAll(driver, up.size, false), "what we received");
                feeder.get(10, TimeUnit.SECONDS);
                sendFile(driver, down.file);
                BulkData.awaitSize(received, down.size, 60_000);
                assertEquals(down.sha256, BulkData.sha256Of(received), "what s_client received");
            }
            assertEquals(0, client.waitFor(10_000), client.output());
        }
    }

    @Test
    void ourJsseSocketWithGnuTlsEchoServer() throws Exception {
        GnuTlsPeer gnutls = GnuTlsPeer.require();
        InteropMatrix.cell(GnuTlsPeer.SERVER, "TLS1.3 " + DIMENSION + " (echo, Layer45 SSLSocket)");
        BulkData text = BulkData.create(dir.resolve("text.txt"), BulkData.SIZE, 3, true);
        int port = Peers.freePort();
        // gnutls-serv logs every echoed line on stdout: to a file, not into memory.
        try (PeerProcess server = PeerProcess.startWithFiles(pki.dir, List.of(gnutls.serv, "--echo", "-q",
                "--port=" + port, "--x509certfile=server-ec.pem", "--x509keyfile=server-ec.key"), null,
                dir.resolve("gnutls-serv.out"))) {
            Peers.awaitListening(port, 10_000);
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
            try (SSLSocket socket = (SSLSocket) Layer45Jsse.context(pki, null).getSocketFactory()
                    .createSocket(plain, "localhost", port, true)) {
                SSLParameters p = socket.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(p);
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                assertEquals("Layer45", socket.getSession().getValue(Session.PROVIDER_KEY));
                CompletableFuture<Void> writer = pump(Files.newInputStream(text.file),
                        new FlushOnClose(socket.getOutputStream()));
                MessageDigest md = BulkData.sha256();
                byte[] buf = new byte[1 << 16];
                long total = 0;
                InputStream in = socket.getInputStream();
                while (total < text.size) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, text.size - total));
                    if (n < 0) {
                        break;
                    }
                    md.update(buf, 0, n);
                    total += n;
                }
                writer.get(10, TimeUnit.SECONDS);
                assertEquals(text.size, total);
                assertEquals(text.sha256, HexFormat.of().formatHex(md.digest()), "what gnutls-serv echoed");
            }
        }
    }

    /**
     * gnutls-cli uploads 64 MiB; the download is 4 MiB only: gnutls-cli 3.7's simple client mode
     * receives slowly (seen here: 8 MB from openssl s_server took 13.7 s), whoever the server is.
     */
    @Test
    void gnutlsClientWithOurServer() throws Exception {
        GnuTlsPeer gnutls = GnuTlsPeer.require();
        InteropMatrix.cell(GnuTlsPeer.CLIENT, "TLS1.3 64 MiB up + 4 MiB down, SHA-256 checked");
        BulkData small = BulkData.create(dir.resolve("down-small.bin"), 4 << 20, 4, false);
        Path received = dir.resolve("gnutls-cli.out");
        // --logfile: gnutls-cli's own messages go there, so its stdout is exactly the data it received.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PeerProcess client = PeerProcess.startWithFiles(gnutls.pki.dir, gnutls.clientCommand(
                        listener.getLocalPort(), List.of("--logfile=" + dir.resolve("gnutls-cli.log"))), null,
                        received)) {
            // Its stdin stays open until the download is in: at stdin EOF gnutls-cli says goodbye and exits.
            CompletableFuture<Void> feeder = pump(Files.newInputStream(up.file), new FlushOnClose(client.stdin()));
            listener.setSoTimeout(10_000);
            try (Socket socket = listener.accept();
                    SocketDriver driver = new SocketDriver(socket, new ServerConnection(
                            gnutls.serverConfig("ec").build()))) {
                driver.handshake();
                assertEquals(up.sha256, receiveAll(driver, up.size, false), "what we received");
                feeder.get(10, TimeUnit.SECONDS);
                long start = System.nanoTime();
                sendFile(driver, small.file);
                BulkData.awaitSize(received, small.size, 60_000);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(small.sha256, BulkData.sha256Of(received), "what gnutls-cli received");
                InteropMatrix.note("gnutls-cli took " + millis + " ms to receive 4 MiB");
                client.stdin().close();
                driver.readToEnd();
                assertTrue(driver.connection().isInboundClosed(), "gnutls-cli ended with close_notify");
            }
            assertEquals(0, client.waitFor(10_000), client.output());
        }
    }

    /**
     * A stream whose close() only flushes: the pump must not close the peer's stdin, nor a socket's
     * output stream (closing that would close the socket).
     */
    private static final class FlushOnClose extends java.io.FilterOutputStream {
        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static void sendFile(SocketDriver driver, Path file) throws IOException, TlsFailure {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                driver.write(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
            }
        }
    }

    /**
     * Reads {@code size} bytes (and, when {@code toClose}, on until the peer closes); returns their
     * SHA-256 after checking the count.
     */
    private static String receiveAll(SocketDriver driver, long size, boolean toClose) throws IOException, TlsFailure {
        MessageDigest md = BulkData.sha256();
        long total = 0;
        while ((toClose || total < size) && driver.readRecord()) {
            byte[] b = driver.takeReceived();
            md.update(b);
            total += b.length;
        }
        assertEquals(size, total, "bytes received");
        return HexFormat.of().formatHex(md.digest());
    }

    /** Copies {@code in} to {@code out} on a daemon thread, then closes both; get() rethrows a failure. */
    private static CompletableFuture<Void> pump(InputStream in, OutputStream out) {
        return CompletableFuture.runAsync(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "bulk-pump");
            t.setDaemon(true);
            t.start();
        });
    }
}
