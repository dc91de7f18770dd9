package org.layer45.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;
import org.layer45.record.RecordProtection;
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

/**
 * The TLS 1.3 record path alone: seal one record into a direct buffer, then open it again, per
 * AEAD and record size. Run with {@code java -jar bench/target/benchmarks.jar RecordProtection
 * -prof gc} to see the bytes allocated per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RecordProtectionBenchmark {
    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    @Param({"16384", "1024"})
    public int size;

    private RecordProtection sealer;
    private RecordProtection opener;
    private ByteBuffer plaintext;
    private ByteBuffer wire;
    private ByteBuffer received;

    @Setup(Level.Iteration)
    public void setUp() throws TlsFailure {
        CryptoBackend backend = DefaultCryptoBackend.create();
        byte[] key = new byte[aead.keyLength()];
        byte[] iv = new byte[AeadAlgorithm.NONCE_LENGTH];
        backend.random().nextBytes(key);
        backend.random().nextBytes(iv);
        sealer = RecordProtection.tls13(backend.aead(aead, key), iv);
        opener = RecordProtection.tls13(backend.aead(aead, key), iv);
        plaintext = ByteBuffer.allocateDirect(size);
        wire = ByteBuffer.allocateDirect(sealer.maxRecordSize(size, 0));
        received = ByteBuffer.allocateDirect(size + 256);
    }

    /** Seals one application-data record. */
    @Benchmark
    public int seal() throws TlsFailure {
        plaintext.clear();
        wire.clear();
        return sealer.seal(ContentType.APPLICATION_DATA, plaintext, wire, 0);
    }

    /** Seals one record and opens it with the peer's protection. */
    @Benchmark
    public int sealThenOpen() throws TlsFailure {
        plaintext.clear();
        wire.clear();
        sealer.seal(ContentType.APPLICATION_DATA, plaintext, wire, 0);
        wire.flip();
        received.clear();
        return opener.open(wire, received) + received.position();
    }
}
