package org.layer45.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.layer45.provider.Layer45Provider;

/**
 * Test key and trust stores made once per JVM with the JDK's keytool (as connection.TestCertificates
 * does): a server store with an EC P-256 and an RSA-2048 key for CN=localhost (SAN localhost,
 * 127.0.0.1), a second server key for "other.test" (SNI tests), a client EC key, and a trust store
 * holding all certificates. Files stay in a temp directory for child-JVM tests.
 */
final class TestPki {
    static final char[] PASSWORD = "changeit".toCharArray();
    static final Layer45Provider PROVIDER = new Layer45Provider();

    private static final Path DIR;
    static final Path SERVER_STORE;
    static final Path CLIENT_STORE;
    static final Path TRUST_STORE;

    static {
        try {
            DIR = Files.createTempDirectory("layer45-jsse-pki");
            DIR.toFile().deleteOnExit();
            SERVER_STORE = DIR.resolve("server.p12");
            CLIENT_STORE = DIR.resolve("client.p12");
            TRUST_STORE = DIR.resolve("trust.p12");
            genKey(SERVER_STORE, "ec", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "-keyalg", "EC",
                    "-groupname", "secp256r1");
            genKey(SERVER_STORE, "rsa", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "-keyalg", "RSA",
                    "-keysize", "2048");
            genKey(DIR.resolve("other.p12"), "other", "CN=other.test", "SAN=dns:other.test", "-keyalg", "EC",
                    "-groupname", "secp256r1");
            genKey(CLIENT_STORE, "client", "CN=client", "SAN=dns:client.test", "-keyalg", "EC", "-groupname",
                    "secp256r1");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (Path p : List.of(SERVER_STORE, CLIENT_STORE, DIR.resolve("other.p12"))) {
                KeyStore ks = load(p);
                for (String alias : java.util.Collections.list(ks.aliases())) {
                    trust.setCertificateEntry(p.getFileName() + "-" + alias, ks.getCertificate(alias));
                }
            }
            try (OutputStream out = Files.newOutputStream(TRUST_STORE)) {
                trust.store(out, PASSWORD);
            }
        } catch (IOException | GeneralSecurityException | InterruptedException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestPki() {
    }

    private static void genKey(Path store, String alias, String dname, String san, String... alg)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", alias, "-dname", dname, "-ext", san, "-validity", "30",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass",
                "changeit"));
        cmd.addAll(List.of(alg));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    static KeyStore load(Path p) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    /** A key store with only the given aliases of the server store (e.g. just "rsa"). */
    static KeyStore serverKeys(String... aliases) throws IOException, GeneralSecurityException {
        KeyStore all = load(SERVER_STORE);
        if (aliases.length == 0) {
            return all;
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (String a : aliases) {
            ks.setKeyEntry(a, all.getKey(a, PASSWORD), PASSWORD, all.getCertificateChain(a));
        }
        return ks;
    }

    static KeyStore otherServerKeys() throws IOException, GeneralSecurityException {
        return load(DIR.resolve("other.p12"));
    }

    static KeyStore clientKeys() throws IOException, GeneralSecurityException {
        return load(CLIENT_STORE);
    }

    /**
     * Writes the server key {@code alias} as PEM for native peers (nginx, openssl): returns the
     * certificate file and the PKCS#8 private key file, in {@code dir}.
     */
    static Path[] serverPem(String alias, Path dir) throws IOException, GeneralSecurityException {
        KeyStore ks = load(SERVER_STORE);
        Path cert = dir.resolve(alias + "-cert.pem");
        Path key = dir.resolve(alias + "-key.pem");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate(alias).getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey(alias, PASSWORD).getEncoded()));
        return new Path[] {cert, key};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    static Certificate serverCertificate(String alias) throws IOException, GeneralSecurityException {
        return load(SERVER_STORE).getCertificate(alias);
    }

    /** An initialised SSLContext of {@code provider} ("Layer45" uses our provider object). */
    static SSLContext context(String provider, KeyStore keys) throws GeneralSecurityException, IOException {
        return context(provider, "Layer45".equals(provider) ? "TLS" : "TLSv1.3", keys);
    }

    /** An initialised SSLContext of {@code provider} for the SSLContext algorithm {@code protocol}. */
    static SSLContext context(String provider, String protocol, KeyStore keys)
            throws GeneralSecurityException, IOException {
        SSLContext ctx = "Layer45".equals(provider) ? SSLContext.getInstance(protocol, PROVIDER)
                : SSLContext.getInstance(protocol, provider);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(load(TRUST_STORE));
        ctx.init(keys == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static SSLContext layer45(KeyStore keys) throws GeneralSecurityException, IOException {
        return context("Layer45", keys);
    }

    static SSLContext sun(KeyStore keys) throws GeneralSecurityException, IOException {
        return context("SunJSSE", keys);
    }
}
