package org.layer45.connection;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.layer45.handshake.CertifiedKey;

/**
 * Self-signed test certificates made once per JVM with the JDK's keytool (no bcpkix dependency),
 * cached by kind.
 */
final class TestCertificates {
    /** The certificate kinds of the test matrix. */
    enum Kind {
        ECDSA_P256("-keyalg", "EC", "-groupname", "secp256r1"),
        ECDSA_P384("-keyalg", "EC", "-groupname", "secp384r1"),
        RSA_2048("-keyalg", "RSA", "-keysize", "2048"),
        /** An RSA key whose key usage allows signing only (no keyEncipherment, RFC 5280 §4.2.1.3). */
        RSA_2048_SIGN_ONLY("-keyalg", "RSA", "-keysize", "2048", "-ext", "KeyUsage:critical=digitalSignature"),
        ED25519("-keyalg", "Ed25519");

        final String[] args;

        Kind(String... args) {
            this.args = args;
        }
    }

    private static final Map<Kind, CertifiedKey> CACHE = new ConcurrentHashMap<>();

    private TestCertificates() {
    }

    static CertifiedKey get(Kind kind) {
        return CACHE.computeIfAbsent(kind, TestCertificates::generate);
    }

    private static CertifiedKey generate(Kind kind) {
        try {
            Path dir = Files.createTempDirectory("layer45-certs");
            File ks = dir.resolve("k.p12").toFile();
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "k", "-dname", "CN=" + kind.name().toLowerCase() + ".test",
                    "-validity", "30", "-storetype", "PKCS12", "-keystore", ks.getPath(),
                    "-storepass", "changeit", "-keypass", "changeit"));
            cmd.addAll(List.of(kind.args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(ks)) {
                store.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("k", "changeit".toCharArray());
            X509Certificate cert = (X509Certificate) store.getCertificate("k");
            Files.delete(ks.toPath());
            Files.delete(dir);
            return CertifiedKey.of(List.of(cert), key);
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
