package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3, Must show 5 (the Wireshark part): a real capture of a Layer45 client talking to a
 * Layer45 server over loopback, taken by {@code tshark} (Debian's Wireshark CLI), is decrypted by
 * tshark itself with nothing but the key log Layer45 wrote. The test proves it twice: tshark's
 * dissector finds the TLS 1.3 Finished messages inside the encrypted handshake, and its
 * "follow tls" stream shows the application bytes both ways. Without the key log the same capture
 * shows neither (so the check cannot pass by accident). TLS 1.2 uses the CLIENT_RANDOM line.
 */
class KeyLogTsharkTest {
    private static final String REQUEST = "GET /secret-request HTTP/1.0";
    private static final String RESPONSE = "the-decrypted-response-42";

    @AfterEach
    void clear() {
        System.clearProperty("layer45.keylog");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void tsharkDecryptsACapturedSession(String protocol) throws Exception {
        String tshark = PeerBinaries.require("tshark");
        Path dir = Files.createTempDirectory("layer45-tshark");
        Path keys = dir.resolve("keys.log");
        Path pcap = dir.resolve("session.pcapng");
        System.setProperty("layer45.keylog", keys.toString());

        try (SSLServerSocket server = (SSLServerSocket) TestPki.layer45(TestPki.serverKeys("ec"))
                .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            Process capture = startCapture(tshark, port, pcap);
            try {
                CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> answerOnce(server));
                try (SSLSocket client = (SSLSocket) TestPki.context("Layer45", protocol, null).getSocketFactory()
                        .createSocket("localhost", port)) {
                    client.setSoTimeout(10_000);
                    OutputStream out = client.getOutputStream();
                    out.write((REQUEST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String reply = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    assertEquals(RESPONSE, reply);
                    assertEquals(protocol, client.getSession().getProtocol());
                }
                assertTrue(served.get(10, TimeUnit.SECONDS).startsWith(REQUEST));
                Thread.sleep(300); // let the capture see the last segments before it stops
            } finally {
                stopCapture(capture);
            }
        }

        String decrypted = run(tshark, "-r", pcap.toString(), "-o", "tls.keylog_file:" + keys,
                "-q", "-z", "follow,tls,ascii,0");
        String keyLog = Files.readString(keys);
        assertTrue(decrypted.contains(REQUEST), () -> "tshark did not decrypt the request:\n" + decrypted
                + "\nkey log:\n" + keyLog + "\ncapture: " + pcap);
        assertTrue(decrypted.contains(RESPONSE), () -> "tshark did not decrypt the response:\n" + decrypted);
        if (protocol.equals("TLSv1.3")) {
            String handshake = run(tshark, "-r", pcap.toString(), "-o", "tls.keylog_file:" + keys,
                    "-Y", "tls.handshake.type == 20", "-T", "fields", "-e", "frame.number");
            assertEquals(2, handshake.lines().filter(l -> !l.isBlank()).count(),
                    () -> "expected both Finished messages decrypted, got frames: " + handshake);
        }

        String withoutKeys = run(tshark, "-r", pcap.toString(), "-o", "tls.keylog_file:", "-q",
                "-z", "follow,tls,ascii,0");
        assertFalse(withoutKeys.contains(RESPONSE), "the capture must be encrypted without the key log");
    }

    private static String answerOnce(SSLServerSocket server) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            s.getOutputStream().write(RESPONSE.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return line;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts tshark on loopback for one port and waits (bounded) until it reports capturing. */
    private static Process startCapture(String tshark, int port, Path pcap) throws Exception {
        Process p = new ProcessBuilder(tshark, "-i", "lo", "-f", "tcp port " + port, "-w", pcap.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> waitForLine(p.getInputStream(),
                "Capture started"));
        if (!ready.get(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not start capturing on lo");
        }
        // "Capture started" can come a moment before dumpcap sees packets; a capture that misses
        // the hellos cannot be decrypted, so give it a little head start.
        Thread.sleep(1000);
        return p;
    }

    private static boolean waitForLine(InputStream in, String marker) {
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.contains(marker)) {
                    // Keep draining so tshark never blocks on a full pipe.
                    Thread drain = new Thread(() -> r.lines().forEach(l -> { }));
                    drain.setDaemon(true);
                    drain.start();
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM lets dumpcap finish the file; a capture that will not stop is killed. */
    private static void stopCapture(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        // stderr only says "Running as user root"; the fields and streams come on stdout.
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return out.get(5, TimeUnit.SECONDS);
    }
}
