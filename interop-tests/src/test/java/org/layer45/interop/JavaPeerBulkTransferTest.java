package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.interop.LoopbackTls.Result;
import org.layer45.interop.LoopbackTls.Script;
import org.layer45.interop.LoopbackTls.Side;

/**
 * 64 MiB each way over one TLS 1.3 connection with every Java peer (Layer45 as client for
 * Conscrypt and SunJSSE, as server for BCJSSE), checked by SHA-256 on both ends: the client sends
 * 64 MiB, the server hashes what it read and sends 64 MiB back, the client hashes that. The data
 * are 1 MiB of random bytes with each copy's index stamped in front, so lost, repeated or reordered
 * chunks change the digest. Times are printed (MiB/s, loopback, 2 shared cores: not a benchmark).
 */
@Timeout(180)
class JavaPeerBulkTransferTest {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 64;
    private static final byte[] BLOCK = LoopbackTls.randomBytes(CHUNK, 64);
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of(TlsStack.CONSCRYPT, Role.LAYER45_CLIENT));
        out.add(Arguments.of(TlsStack.BCJSSE, Role.LAYER45_SERVER));
        out.add(Arguments.of(TlsStack.SUNJSSE, Role.LAYER45_CLIENT));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: 64 MiB each way")
    @MethodSource("cases")
    void sixtyFourMebibytesEachWay(TlsStack peer, Role role) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": 64 MiB each way, SHA-256 checked, TLS 1.3");
        AtomicReference<byte[]> serverGot = new AtomicReference<>();
        AtomicReference<byte[]> clientGot = new AtomicReference<>();
        long[] nanos = new long[2];
        Script client = c -> {
            long t0 = System.nanoTime();
            send(c);
            nanos[0] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            clientGot.set(receive(c));
            nanos[1] = System.nanoTime() - t0;
        };
        Script server = s -> {
            serverGot.set(receive(s));
            send(s);
            LoopbackTls.echoUntilEnd(s);
        };
        Side c = new Side(role.client(peer), role.client(peer).context(pki, null)).protocols("TLSv1.3");
        Side s = new Side(role.server(peer), role.server(peer).context(pki, "server-ec"));
        Result r;
        try (LoopbackTls tls = new LoopbackTls(s)) {
            r = tls.connect(c, client, server).ok();
        }
        byte[] expected = expectedDigest();
        assertArrayEquals(expected, serverGot.get(), "SHA-256 of what the server received");
        assertArrayEquals(expected, clientGot.get(), "SHA-256 of what the client received");
        assertEquals("TLSv1.3", r.client().protocol());
        System.out.printf("%s %s: client->server %.0f MiB/s, server->client %.0f MiB/s (%s)%n", peer, role,
                CHUNKS / (nanos[0] / 1e9), CHUNKS / (nanos[1] / 1e9), r.client().suite());
    }

    private static byte[] chunk(int index) {
        byte[] b = BLOCK.clone();
        ByteBuffer.wrap(b).putInt(index);
        return b;
    }

    private static byte[] expectedDigest() throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < CHUNKS; i++) {
            sha.update(chunk(i));
        }
        return sha.digest();
    }

    private static void send(SSLSocket s) throws IOException {
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < CHUNKS; i++) {
            out.write(chunk(i));
        }
        out.flush();
    }

    /** Reads exactly 64 MiB and returns its SHA-256. */
    private static byte[] receive(SSLSocket s) throws IOException {
        return HexFormat.of().parseHex(BulkData.sha256Of(s.getInputStream(), (long) CHUNK * CHUNKS));
    }
}
