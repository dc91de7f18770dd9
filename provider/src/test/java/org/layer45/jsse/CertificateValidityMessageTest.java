package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression (found by the interop badssl catalogue against nginx): a server certificate that has
 * expired or is not yet valid must be refused with a message that says so and with the alert
 * certificate_expired (RFC 8446 §6.2, as SunJSSE sends), not just the PKIX trust manager's top-level
 * "validity check failed" and certificate_unknown. The leaves are issued by a CA the client trusts
 * (keytool {@code -gencert -startdate}), so only their dates are wrong; the server is SunJSSE.
 * Likewise a self-signed leaf, a chain that ends at an untrusted root and a chain without its
 * intermediate, for which the PKIX trust manager says only "unable to find valid certification
 * path": each is named, with unknown_ca (§6.2: "the CA certificate could not be located or could
 * not be matched with a known trust anchor"; SunJSSE sends certificate_unknown).
 */
@Timeout(60)
class CertificateValidityMessageTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final ExecutorService POOL = Executors.newCachedThreadPool();
    @TempDir
    static Path dir;
    private static KeyStore trust;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Validity Test CA", "-ext", "bc:c", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "30", "-keystore", "ca.p12");
        keytool("-genkeypair", "-alias", "leaf", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "30", "-keystore", "leaf.p12");
        keytool("-certreq", "-alias", "leaf", "-keystore", "leaf.p12", "-file", "leaf.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "leaf.csr", "-outfile", "expired.cer",
                "-startdate", "2020/01/01", "-validity", "30", "-ext", "SAN=dns:localhost", "-rfc");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "leaf.csr", "-outfile", "future.cer",
                "-startdate", "+1y", "-validity", "30", "-ext", "SAN=dns:localhost", "-rfc");
        // A self-signed leaf; a leaf under a root the client does not trust; a leaf under an
        // intermediate (itself under the trusted CA) that the server will not send.
        keytool("-genkeypair", "-alias", "leaf", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname",
                "secp256r1", "-validity", "30", "-ext", "SAN=dns:localhost", "-keystore", "self.p12");
        for (String ca : List.of("evil", "int")) {
            keytool("-genkeypair", "-alias", ca, "-dname", "CN=Validity Test " + ca, "-ext", "bc:c", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-validity", "30", "-keystore", ca + ".p12");
            keytool("-gencert", "-alias", ca, "-keystore", ca + ".p12", "-infile", "leaf.csr", "-outfile",
                    "under-" + ca + ".cer", "-validity", "30", "-ext", "SAN=dns:localhost", "-rfc");
        }
        keytool("-certreq", "-alias", "int", "-keystore", "int.p12", "-file", "int.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "int.csr", "-outfile", "int.cer",
                "-validity", "30", "-ext", "bc:c", "-rfc");
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", load("ca.p12").getCertificate("ca"));
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + cmd + "\n" + out);
        }
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve(file))) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static Certificate certificate(String cerFile) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(cerFile))));
    }

    /**
     * The key of {@code keyStore}'s entry "leaf" with the chain the server sends: {@code served} is
     * {@code self} (the self-signed certificate alone), {@code under-evil} (with the untrusted root),
     * {@code under-int} (without its intermediate), else a certificate file followed by the CA.
     */
    private static KeyStore serverKeys(String served) throws Exception {
        String keyStore = served.equals("self") ? "self.p12" : "leaf.p12";
        KeyStore leaf = load(keyStore);
        Certificate[] chain = switch (served) {
            case "self" -> leaf.getCertificateChain("leaf");
            case "under-evil" -> new Certificate[] {certificate("under-evil.cer"),
                load("evil.p12").getCertificate("evil")};
            case "under-int" -> new Certificate[] {certificate("under-int.cer")};
            default -> new Certificate[] {certificate(served), trust.getCertificate("ca")};
        };
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("leaf", leaf.getKey("leaf", PASSWORD), PASSWORD, chain);
        return ks;
    }

    @ParameterizedTest(name = "{0} certificate")
    @CsvSource({"expired.cer, certificate expired: NotAfter, certificate_expired",
        "future.cer, certificate not yet valid: NotBefore, certificate_expired",
        "self, certificate is self-signed and not trusted: CN=localhost, unknown_ca",
        "under-evil, certificate chain ends at an untrusted root CN=Validity Test evil, unknown_ca",
        "under-int, certificate chain is incomplete: no issuer CN=Validity Test int for CN=localhost, unknown_ca"})
    void layer45ClientNamesTheDefect(String served, String expected, String alert) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(serverKeys(served), PASSWORD);
        SSLContext server = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        server.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS", TestPki.PROVIDER);
        client.init(null, tmf.getTrustManagers(), null);

        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            CompletableFuture<Exception> serverSaw = new CompletableFuture<>();
            POOL.submit(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    s.getInputStream().read();
                    serverSaw.complete(null);
                } catch (IOException e) {
                    serverSaw.complete(e);
                }
            });
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(plain, "localhost",
                    ss.getLocalPort(), true)) {
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, c::startHandshake);
                assertTrue(e.getMessage().contains(expected), e.getMessage());
                assertTrue(e.getMessage().contains("(sent alert " + alert + ")"), e.getMessage());
            }
            Exception onServer = serverSaw.get(10, TimeUnit.SECONDS);
            assertNotNull(onServer, "the server must see the failure");
            // As in SocketInteropTest: the client's close may overtake its alert (a TCP reset).
            assertTrue(String.valueOf(onServer.getMessage()).contains(alert)
                    || onServer instanceof java.net.SocketException, "server received the alert: " + onServer);
        }
    }
}
