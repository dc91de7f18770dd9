package org.layer45.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Not a test: a quick side-by-side of the JDK's JCA and BouncyCastle's lightweight API for every
 * primitive both could serve. Prints ops/s; never asserts. Run with
 * {@code java -cp provider/target/classes:provider/target/test-classes:bcprov.jar org.layer45.crypto.BackendSpeedCheck}.
 * The results are copied into {@link DefaultCryptoBackend}'s class comment.
 */
public final class BackendSpeedCheck {
    private static final long WARMUP_NANOS = 400_000_000L;
    private static final long RUN_NANOS = 800_000_000L;
    private static volatile Object sink;

    /** One operation to time. */
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    private BackendSpeedCheck() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom rnd = new SecureRandom();
        byte[] key16 = new byte[16];
        byte[] key32 = new byte[32];
        byte[] record = new byte[16384];
        byte[] out = new byte[16384 + 16];
        byte[] aad = new byte[5];
        long[] seq = {0};

        // AES-128-GCM, one 16 KiB record per op.
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec aesKey = new SecretKeySpec(key16, "AES");
        ByteBuffer src = ByteBuffer.wrap(record);
        ByteBuffer dst = ByteBuffer.wrap(out);
        compare("AES-128-GCM seal 16 KiB", () -> {
            gcm.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce(seq)));
            gcm.updateAAD(aad);
            return gcm.doFinal(src.clear(), dst.clear());
        }, () -> {
            GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
            c.init(true, new AEADParameters(new KeyParameter(key16), 128, nonce(seq), aad));
            int n = c.processBytes(record, 0, record.length, out, 0);
            return c.doFinal(out, n);
        });

        Cipher chacha = Cipher.getInstance("ChaCha20-Poly1305");
        SecretKeySpec chachaKey = new SecretKeySpec(key32, "ChaCha20");
        ChaCha20Poly1305 bcChacha = new ChaCha20Poly1305();
        compare("ChaCha20-Poly1305 seal 16 KiB", () -> {
            chacha.init(Cipher.ENCRYPT_MODE, chachaKey, new IvParameterSpec(nonce(seq)));
            chacha.updateAAD(aad);
            return chacha.doFinal(src.clear(), dst.clear());
        }, () -> {
            bcChacha.init(true, new AEADParameters(new KeyParameter(key32), 128, nonce(seq), aad));
            int n = bcChacha.processBytes(record, 0, record.length, out, 0);
            return bcChacha.doFinal(out, n);
        });

        // X25519: one key generation plus one agreement (a TLS client's work).
        byte[] peer = new byte[32];
        X25519.generatePublicKey(key32, 0, peer, 0);
        KeyFactory xdhKf = KeyFactory.getInstance("XDH");
        compare("X25519 keygen+agree", () -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            KeyPair kp = g.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(kp.getPrivate());
            byte[] u = peer.clone();
            reverse(u);
            ka.doPhase(xdhKf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, u))),
                    true);
            return ka.generateSecret();
        }, () -> {
            byte[] k = new byte[32];
            rnd.nextBytes(k);
            byte[] pub = new byte[32];
            X25519.scalarMultBase(k, 0, pub, 0);
            byte[] s = new byte[32];
            X25519.calculateAgreement(k, 0, peer, 0, s, 0);
            return s;
        });

        // P-256 ECDH: key generation plus agreement.
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecPeer = ecGen.generateKeyPair();
        X9ECParameters x9 = CustomNamedCurves.getByName("secp256r1");
        ECDomainParameters dom = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECKeyPairGenerator bcEcGen = new ECKeyPairGenerator();
        bcEcGen.init(new ECKeyGenerationParameters(dom, rnd));
        AsymmetricCipherKeyPair bcPeer = bcEcGen.generateKeyPair();
        byte[] bcPeerEncoded = ((ECPublicKeyParameters) bcPeer.getPublic()).getQ().getEncoded(false);
        compare("P-256 ECDH keygen+agree", () -> {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(kp.getPrivate());
            ka.doPhase(ecPeer.getPublic(), true);
            return ka.generateSecret();
        }, () -> {
            AsymmetricCipherKeyPair kp = bcEcGen.generateKeyPair();
            ECPublicKeyParameters pub = new ECPublicKeyParameters(dom.getCurve().decodePoint(bcPeerEncoded), dom);
            ECDHBasicAgreement a = new ECDHBasicAgreement();
            a.init(kp.getPrivate());
            return a.calculateAgreement(pub);
        });

        // ECDSA P-256 sign and verify of a 32-byte hash input (the JDK hashes a 100-byte message).
        byte[] msg = new byte[100];
        Signature jdkEcdsa = Signature.getInstance("SHA256withECDSA");
        jdkEcdsa.initSign(ecPeer.getPrivate());
        jdkEcdsa.update(msg);
        byte[] jdkSig = jdkEcdsa.sign();
        ECDSASigner bcSigner = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        compare("ECDSA P-256 sign", () -> {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(ecPeer.getPrivate());
            s.update(msg);
            return s.sign();
        }, () -> {
            bcSigner.init(true, bcPeer.getPrivate());
            return bcSigner.generateSignature(sha256(msg));
        });
        BigInteger[] bcSig = bcSigner.generateSignature(sha256(msg));
        compare("ECDSA P-256 verify", () -> {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(ecPeer.getPublic());
            s.update(msg);
            return s.verify(jdkSig);
        }, () -> {
            ECDSASigner v = new ECDSASigner();
            v.init(false, new ECPublicKeyParameters(dom.getCurve().decodePoint(bcPeerEncoded), dom));
            return v.verifySignature(sha256(msg), bcSig[0], bcSig[1]);
        });

        // Ed25519 sign and verify.
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] edSk = new byte[32];
        rnd.nextBytes(edSk);
        byte[] edPk = new byte[32];
        Ed25519.generatePublicKey(edSk, 0, edPk, 0);
        Signature jdkEd = Signature.getInstance("Ed25519");
        jdkEd.initSign(ed.getPrivate());
        jdkEd.update(msg);
        byte[] jdkEdSig = jdkEd.sign();
        byte[] bcEdSig = new byte[64];
        Ed25519.sign(edSk, 0, msg, 0, msg.length, bcEdSig, 0);
        compare("Ed25519 sign", () -> {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(ed.getPrivate());
            s.update(msg);
            return s.sign();
        }, () -> {
            byte[] sig = new byte[64];
            Ed25519.sign(edSk, 0, msg, 0, msg.length, sig, 0);
            return sig;
        });
        compare("Ed25519 verify", () -> {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(ed.getPublic());
            s.update(msg);
            return s.verify(jdkEdSig);
        }, () -> Ed25519.verify(bcEdSig, 0, edPk, 0, msg, 0, msg.length));

        // HMAC-SHA256 over 64 bytes with a fresh key (the HKDF step pattern).
        byte[] small = new byte[64];
        compare("HMAC-SHA256 new key + 64 B", () -> {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key32, "HmacSHA256"));
            return m.doFinal(small);
        }, () -> {
            HMac m = new HMac(new SHA256Digest());
            m.init(new KeyParameter(key32));
            m.update(small, 0, small.length);
            byte[] r = new byte[32];
            m.doFinal(r, 0);
            return r;
        });
        byte[] big = new byte[16384];
        compare("HMAC-SHA256 16 KiB", () -> {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key32, "HmacSHA256"));
            return m.doFinal(big);
        }, () -> {
            HMac m = new HMac(new SHA256Digest());
            m.init(new KeyParameter(key32));
            m.update(big, 0, big.length);
            byte[] r = new byte[32];
            m.doFinal(r, 0);
            return r;
        });
    }

    private static byte[] nonce(long[] seq) {
        byte[] n = new byte[12];
        long s = ++seq[0];
        for (int i = 0; i < 8; i++) {
            n[11 - i] = (byte) (s >>> (8 * i));
        }
        return n;
    }

    private static byte[] sha256(byte[] m) {
        SHA256Digest d = new SHA256Digest();
        d.update(m, 0, m.length);
        byte[] r = new byte[32];
        d.doFinal(r, 0);
        return r;
    }

    private static void reverse(byte[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            byte t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void compare(String what, Op jdk, Op bc) throws Exception {
        double j = opsPerSecond(jdk);
        double b = opsPerSecond(bc);
        System.out.printf("%-32s JDK %10.0f ops/s   BC %10.0f ops/s   -> %s%n", what, j, b, j >= b ? "JDK" : "BC");
    }

    private static double opsPerSecond(Op op) throws Exception {
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            sink = op.run();
        }
        long start = System.nanoTime();
        long n = 0;
        end = start + RUN_NANOS;
        long now;
        do {
            sink = op.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n * 1e9 / (now - start);
    }
}
