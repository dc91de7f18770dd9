package org.layer45.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away test PKI made with the real {@code openssl} command (INTEROP.md §0): an EC P-256
 * root and an RSA-2048 root, and for each a server leaf for {@code localhost} / 127.0.0.1 and a
 * client leaf. Created once per JVM in a temp folder. Besides: {@code server-ed25519} (an Ed25519
 * leaf for localhost under the EC root, RFC 8410) and {@code server-sni} (an EC leaf for
 * {@code sni.localhost} only, to prove which certificate an SNI-selecting server chose).
 */
final class TestPki {
    private static TestPki instance;

    final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    static TestPki get() throws IOException, InterruptedException {
        if (instance == null) {
            String openssl = Peers.require("openssl");
            Path dir = Files.createTempDirectory("layer45-pki");
            dir.toFile().deleteOnExit();
            TestPki pki = new TestPki(dir);
            pki.make(openssl);
            instance = pki;
        }
        return instance;
    }

    private void make(String openssl) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,DNS:mtls.localhost,IP:127.0.0.1,IP:::1\n"
                + "extendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\nbasicConstraints=critical,CA:FALSE\n");
        Files.writeString(dir.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
        for (String alg : List.of("ec", "rsa")) {
            String keyArgs = alg.equals("ec") ? "-newkey ec -pkeyopt ec_paramgen_curve:P-256" : "-newkey rsa:2048";
            run(openssl + " req -x509 " + keyArgs + " -nodes -keyout ca-" + alg + ".key -out ca-" + alg
                    + ".pem -days 30 -subj /CN=Layer45-Test-Root-" + alg + " -addext basicConstraints=critical,CA:TRUE"
                    + " -addext keyUsage=critical,keyCertSign,cRLSign");
            for (String role : List.of("server", "client")) {
                String name = role + "-" + alg;
                String cn = role.equals("server") ? "localhost" : "interop client";
                run(openssl + " req " + keyArgs + " -nodes -keyout " + name + ".key -out " + name + ".csr -subj /CN="
                        + cn.replace(' ', '_'));
                run(openssl + " x509 -req -in " + name + ".csr -CA ca-" + alg + ".pem -CAkey ca-" + alg
                        + ".key -CAcreateserial -days 30 -out " + name + ".pem -extfile " + role + ".ext");
                run(openssl + " pkcs8 -topk8 -nocrypt -in " + name + ".key -out " + name + ".pk8");
            }
        }
        Files.writeString(dir.resolve("sni.ext"), "subjectAltName=DNS:sni.localhost\n"
                + "extendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n");
        run(openssl + " genpkey -algorithm ed25519 -out server-ed25519.key");
        run(openssl + " req -new -key server-ed25519.key -out server-ed25519.csr -subj /CN=localhost");
        run(openssl + " req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server-sni.key"
                + " -out server-sni.csr -subj /CN=sni.localhost");
        for (String[] leaf : new String[][] {{"server-ed25519", "server.ext"}, {"server-sni", "sni.ext"}}) {
            run(openssl + " x509 -req -in " + leaf[0] + ".csr -CA ca-ec.pem -CAkey ca-ec.key -CAcreateserial -days 30"
                    + " -out " + leaf[0] + ".pem -extfile " + leaf[1]);
            run(openssl + " pkcs8 -topk8 -nocrypt -in " + leaf[0] + ".key -out " + leaf[0] + ".pk8");
        }
        Files.writeString(dir.resolve("ca.pem"),
                Files.readString(dir.resolve("ca-ec.pem")) + Files.readString(dir.resolve("ca-rsa.pem")));
    }

    /** Runs one openssl command line (space-separated, no quoting) in the PKI folder. */
    void openssl(String arguments) throws IOException, InterruptedException {
        run(Peers.require("openssl") + " " + arguments);
    }

    private void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command.split(" ")).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("failed: " + command + "\n" + new String(out, StandardCharsets.UTF_8));
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    List<X509Certificate> certificates(String pemFile) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file(pemFile))))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    /** The PKCS#8 private key of {@code name} ("server-ec", "client-rsa", ...). */
    PrivateKey privateKey(String name) throws Exception {
        String pem = Files.readString(file(name + ".pk8"));
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        String alg = name.endsWith("-rsa") ? "RSA" : name.endsWith("-ed25519") ? "Ed25519" : "EC";
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /**
     * An in-memory PKCS#12 store with {@code name}'s key and leaf ("server-ec", ...).
     * Alias "key", password "changeit".
     */
    KeyStore keyStore(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", privateKey(name), "changeit".toCharArray(),
                certificates(name + ".pem").toArray(new Certificate[0]));
        return ks;
    }

    /** An in-memory trust store with both test roots (INTEROP.md §0: built from ca.pem, not a PKCS#12 file). */
    KeyStore trustStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate root : certificates("ca.pem")) {
            ks.setCertificateEntry("root-" + i++, root);
        }
        return ks;
    }
}
