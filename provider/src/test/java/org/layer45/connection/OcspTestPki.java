package org.layer45.connection;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a P-256 server certificate for localhost issued by it, and a DER OCSP response ("good") for
 * that certificate, all made with the openssl command line ({@code openssl ocsp -index ... -respout}),
 * plus an {@code openssl s_server} that staples the response ({@code -status_file}, RFC 6066 §8; in
 * TLS 1.3 RFC 8446 §4.4.2.1). Skipped when openssl is absent, unless {@code LAYER45_REQUIRE_PEERS=true}.
 */
public final class OcspTestPki {
    private static final String OPENSSL = "/usr/bin/openssl";

    /** The directory holding ca.pem, server.pem, server.key and resp.der. */
    public final Path dir;
    /** The server certificate. */
    public final X509Certificate server;
    /** The CA certificate. */
    public final X509Certificate ca;
    /** The DER OCSP response, as openssl wrote it. */
    public final byte[] response;

    private OcspTestPki(Path dir) throws Exception {
        this.dir = dir;
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(dir.resolve("server.pem"))) {
            server = (X509Certificate) cf.generateCertificate(in);
        }
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            ca = (X509Certificate) cf.generateCertificate(in);
        }
        response = Files.readAllBytes(dir.resolve("resp.der"));
    }

    /** Makes the PKI and the OCSP response in a fresh temporary directory (or skips the test). */
    public static OcspTestPki create() throws Exception {
        boolean present = new File(OPENSSL).canExecute();
        if (!present && "true".equalsIgnoreCase(System.getenv("LAYER45_REQUIRE_PEERS"))) {
            throw new AssertionError("openssl is not installed but LAYER45_REQUIRE_PEERS=true");
        }
        assumeTrue(present, "openssl not installed; skipping");
        Path dir = Files.createTempDirectory("layer45-ocsp");
        run(dir, OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=layer45 ocsp test ca");
        run(dir, OPENSSL, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost\n");
        run(dir, OPENSSL, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "30", "-extfile", "ext.cnf");
        String serial = run(dir, OPENSSL, "x509", "-in", "server.pem", "-noout", "-serial").trim();
        serial = serial.substring(serial.indexOf('=') + 1);
        // The CA database openssl ocsp reads: status V(alid), expiry, no revocation, serial, file, subject.
        Files.writeString(dir.resolve("index.txt"), "V\t301231000000Z\t\t" + serial + "\tunknown\t/CN=localhost\n");
        run(dir, OPENSSL, "ocsp", "-index", "index.txt", "-rsigner", "ca.pem", "-rkey", "ca.key", "-CA", "ca.pem",
                "-issuer", "ca.pem", "-cert", "server.pem", "-respout", "resp.der", "-ndays", "7");
        return new OcspTestPki(dir);
    }

    /**
     * Starts {@code openssl s_server -www} with the server certificate on a free loopback port,
     * stapling resp.der when {@code staple}; {@code versionFlag} is e.g. {@code -tls1_3}.
     */
    public Process startServer(int port, String versionFlag, boolean staple) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(OPENSSL, "s_server", versionFlag, "-accept", String.valueOf(port),
                "-www", "-cert", "server.pem", "-key", "server.key"));
        if (staple) {
            cmd.addAll(List.of("-status_file", "resp.der"));
        }
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + port + ".log").toFile()).start();
    }

    /** Stops a server started by {@link #startServer}. */
    public static void stop(Process server) throws InterruptedException {
        server.destroy();
        server.waitFor(5, TimeUnit.SECONDS);
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
