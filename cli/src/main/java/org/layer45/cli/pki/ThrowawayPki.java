package org.layer45.cli.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A CA and one server certificate made in memory for {@code demo} and {@code serve}: ECDSA P-256
 * keys, a root "CN=Layer45 throwaway CA" and a leaf for {@code localhost} and {@code 127.0.0.1}
 * (plus any other names asked for), valid for a week. Nothing is written unless asked.
 */
public final class ThrowawayPki {
    /** Password of the PKCS#12 stores this class writes (the JDK's customary default). */
    public static final String STORE_PASSWORD = "changeit";

    private final X509Certificate ca;
    private final X509Certificate server;
    private final PrivateKey serverKey;

    private ThrowawayPki(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
        this.ca = ca;
        this.server = server;
        this.serverKey = serverKey;
    }

    /** A fresh CA and a server certificate for localhost, 127.0.0.1 and {@code extraDnsNames}. */
    public static ThrowawayPki create(List<String> extraDnsNames) throws GeneralSecurityException {
        Instant now = Instant.now();
        KeyPair caKeys = p256();
        X509Certificate ca = CertificateBuilder.forKey(caKeys.getPublic()).subject("CN=Layer45 throwaway CA,O=Layer45")
                .validity(now, Duration.ofDays(7)).certificateAuthority().selfSigned(caKeys.getPrivate());
        KeyPair serverKeys = p256();
        CertificateBuilder leaf = CertificateBuilder.forKey(serverKeys.getPublic()).subject("CN=localhost,O=Layer45")
                .validity(now, Duration.ofDays(7)).dnsName("localhost").ipAddress("127.0.0.1");
        for (String name : extraDnsNames) {
            leaf.dnsName(name);
        }
        return new ThrowawayPki(ca, leaf.issuedBy(ca, caKeys.getPrivate()), serverKeys.getPrivate());
    }

    /** An ECDSA key pair on P-256 (secp256r1). */
    public static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public X509Certificate ca() {
        return ca;
    }

    public X509Certificate server() {
        return server;
    }

    public PrivateKey serverKey() {
        return serverKey;
    }

    /** Key managers presenting the server certificate and the CA behind it. */
    public KeyManager[] keyManagers() throws GeneralSecurityException {
        return keyManagers(serverKey, List.of(server, ca));
    }

    /** Key managers (the JDK's default algorithm) for one key and its chain, leaf first. */
    public static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException {
        char[] pw = STORE_PASSWORD.toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, pw);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        ks.setKeyEntry("server", key, pw, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    /** Writes a PKCS#12 trust store holding only the CA, for {@code -Djavax.net.ssl.trustStore}. */
    public void writeTrustStore(Path file) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, STORE_PASSWORD.toCharArray());
        ks.setCertificateEntry("layer45-throwaway-ca", ca);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, STORE_PASSWORD.toCharArray());
        }
    }
}
