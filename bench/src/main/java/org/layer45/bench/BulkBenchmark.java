package org.layer45.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Application-data records of an established TLS 1.3 connection, through the SSLEngine API with
 * heap ByteBuffers as Netty and the JDK's HttpClient use it: {@code wrap} seals one application
 * write of {@code size} bytes into one record; {@code wrapUnwrap} also opens it on the peer. Every
 * iteration starts from a new connection, so no run approaches the AEAD usage limits (RFC 8446
 * §5.5) that would make a provider update its keys mid-measurement. Run with {@code -prof gc} for
 * bytes allocated per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BulkBenchmark {
    @Param({"Layer45", "SunJSSE", "BCJSSE", "Conscrypt"})
    public String provider;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    public String suite;

    @Param({"16384", "1024", "64"})
    public int size;

    private BenchProvider stack;
    private SSLContext clientContext;
    private SSLContext serverContext;
    private SSLEngine sender;
    private SSLEngine receiver;
    private ByteBuffer plaintext;
    private ByteBuffer wire;
    private ByteBuffer received;

    @Setup(Level.Trial)
    public void setUpTrial(BenchmarkParams params) throws SSLException {
        stack = BenchProvider.valueOf(provider);
        BenchPki pki = BenchPki.create();
        clientContext = stack.clientContext(pki);
        serverContext = stack.serverContext(pki, "ecdsa");
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'x');
        plaintext = ByteBuffer.wrap(data);
        setUpConnection();
        // The probe: the suite asked for is the one on the wire, and a record round-trips intact.
        // (BoringSSL's TLS 1.3 suites cannot be chosen: Conscrypt always takes AES-128-GCM here.)
        if (!sender.getSession().getCipherSuite().equals(suite) || !sender.getSession().getProtocol().equals("TLSv1.3")) {
            throw new IllegalStateException(provider + " negotiated " + sender.getSession().getProtocol() + " "
                    + sender.getSession().getCipherSuite() + ", not TLSv1.3 " + suite);
        }
        int recordBytes = wrapUnwrap();
        if (received.position() != size) {
            throw new IllegalStateException(provider + " delivered " + received.position() + " of " + size + " bytes");
        }
        Facts.record(params, "TLSv1.3 " + suite + ", " + recordBytes + " bytes on the wire for " + size);
    }

    /** A new connection for every iteration (sequence numbers start again). */
    @Setup(Level.Iteration)
    public void setUpConnection() throws SSLException {
        SSLEngine client = clientContext.createSSLEngine(BenchPki.HOST, 443);
        client.setUseClientMode(true);
        stack.configure(client);
        SSLParameters p = client.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setCipherSuites(new String[] {suite});
        client.setSSLParameters(p);
        // secp256r1 stays listed: BCJSSE derives its ECDSA P-256 signing ability from its groups (INTEROP.md §6).
        stack.restrictGroups(client, List.of("x25519", "secp256r1"));
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        stack.configure(server);
        new EnginePair(client, server).handshake();
        sender = client;
        receiver = server;
        wire = ByteBuffer.allocate(2 * client.getSession().getPacketBufferSize());
        received = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
    }

    /**
     * Seals one application write: one record, or two where a provider's record limit is below 16 KiB
     * of data (SunJSSE pads TLS 1.3 records and fits 16,367 bytes in one).
     */
    @Benchmark
    public int wrap() throws SSLException {
        plaintext.clear();
        wire.clear();
        int produced = 0;
        while (plaintext.hasRemaining()) {
            SSLEngineResult r = sender.wrap(plaintext, wire);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                throw new IllegalStateException(provider + " wrapped " + r.bytesConsumed() + " of " + size + ": " + r);
            }
            produced += r.bytesProduced();
        }
        return produced;
    }

    /** Seals one application write and opens its records on the peer. */
    @Benchmark
    public int wrapUnwrap() throws SSLException {
        int produced = wrap();
        wire.flip();
        received.clear();
        while (wire.hasRemaining()) {
            receiver.unwrap(wire, received);
        }
        return produced;
    }
}
