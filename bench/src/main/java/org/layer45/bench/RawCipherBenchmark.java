package org.layer45.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
 * The in-JVM ceiling for record throughput: the JDK's own {@code javax.crypto.Cipher} (SunJCE)
 * sealing or opening {@code size} bytes with a 13-byte AAD, heap ByteBuffers, a new nonce per
 * encryption (SunJCE refuses a repeated key and nonce, as it should). A record layer can at best
 * match this; the targets compare Layer45's records to it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RawCipherBenchmark {
    @Param({"AES-128-GCM", "AES-256-GCM", "ChaCha20-Poly1305"})
    public String cipher;

    @Param({"16384"})
    public int size;

    private Cipher encryptor;
    private Cipher decryptor;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private byte[] sealedNonce;
    private final byte[] aad = new byte[13];
    private ByteBuffer plaintext;
    private ByteBuffer sealed;
    private ByteBuffer ciphertext;
    private ByteBuffer opened;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        boolean gcm = cipher.startsWith("AES");
        key = new SecretKeySpec(new byte[cipher.equals("AES-128-GCM") ? 16 : 32], gcm ? "AES" : "ChaCha20");
        encryptor = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
        decryptor = Cipher.getInstance(gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305");
        plaintext = ByteBuffer.allocate(size);
        sealed = ByteBuffer.allocate(size + 16);
        opened = ByteBuffer.allocate(size + 16);
        encrypt();
        sealedNonce = nonce.clone();
        ciphertext = sealed.flip().asReadOnlyBuffer();
    }

    private AlgorithmParameterSpec spec(byte[] iv) {
        return cipher.startsWith("AES") ? new GCMParameterSpec(128, iv) : new IvParameterSpec(iv);
    }

    /** Seals {@code size} bytes under the next nonce. */
    @Benchmark
    public int encrypt() throws GeneralSecurityException {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (n >>> (8 * i));
        }
        encryptor.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
        encryptor.updateAAD(aad);
        plaintext.clear();
        sealed.clear();
        return encryptor.doFinal(plaintext, sealed);
    }

    /** Opens the same {@code size}-byte record again (decryption may repeat a nonce). */
    @Benchmark
    public int decrypt() throws GeneralSecurityException {
        decryptor.init(Cipher.DECRYPT_MODE, key, spec(sealedNonce));
        decryptor.updateAAD(aad);
        opened.clear();
        return decryptor.doFinal(ciphertext.duplicate(), opened);
    }
}
