package org.layer45.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.layer45.cli.pki.CertificateBuilder;
import org.layer45.cli.pki.ThrowawayPki;

/**
 * The certificates every provider in a benchmark uses: one ECDSA P-256 root, and under it an ECDSA
 * P-256 and an RSA-2048 server leaf for {@code localhost}, made in memory by the CLI's pure-Java
 * certificate builder. Key stores are PKCS#12 so that every provider's key manager can read them.
 */
final class BenchPki {
    static final String HOST = "localhost";
    static final char[] PASSWORD = "changeit".toCharArray();

    private final X509Certificate root;
    private final KeyStore ecdsaServer;
    private final KeyStore rsaServer;

    private BenchPki() throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        KeyPair rootKeys = ThrowawayPki.p256();
        root = CertificateBuilder.forKey(rootKeys.getPublic()).subject("CN=Layer45 bench root")
                .validity(now, Duration.ofDays(2)).certificateAuthority().selfSigned(rootKeys.getPrivate());
        ecdsaServer = serverStore(ThrowawayPki.p256(), rootKeys, now);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaServer = serverStore(rsa.generateKeyPair(), rootKeys, now);
    }

    private KeyStore serverStore(KeyPair leafKeys, KeyPair rootKeys, Instant now)
            throws GeneralSecurityException, IOException {
        X509Certificate leaf = CertificateBuilder.forKey(leafKeys.getPublic()).subject("CN=" + HOST)
                .validity(now, Duration.ofDays(2)).dnsName(HOST).issuedBy(root, rootKeys.getPrivate());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, PASSWORD);
        ks.setKeyEntry("server", leafKeys.getPrivate(), PASSWORD, new Certificate[] {leaf, root});
        return ks;
    }

    /** A fresh PKI (new keys each JMH fork, so no provider profits from a warm cache of another's). */
    static BenchPki create() {
        try {
            return new BenchPki();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the benchmark certificates", e);
        }
    }

    /** The server's key store for {@code cert} ("ecdsa" or "rsa"). */
    KeyStore serverKeyStore(String cert) {
        return switch (cert) {
            case "ecdsa" -> ecdsaServer;
            case "rsa" -> rsaServer;
            default -> throw new IllegalArgumentException("unknown certificate type " + cert);
        };
    }

    /** A trust store holding only the root. */
    KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, PASSWORD);
            ks.setCertificateEntry("root", root);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the trust store", e);
        }
    }
}
