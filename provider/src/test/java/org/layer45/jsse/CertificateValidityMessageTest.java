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

    /** The leaf key with the issued certificate {@code cerFile} and the CA as its chain. */
    private static KeyStore serverKeys(String cerFile) throws Exception {
        KeyStore leaf = load("leaf.p12");
        Certificate issued = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(cerFile))));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("leaf", leaf.getKey("leaf", PASSWORD), PASSWORD,
                new Certificate[] {issued, trust.getCertificate("ca")});
        return ks;
    }

    @ParameterizedTest(name = "{0} certificate")
    @CsvSource({"expired.cer, certificate expired: NotAfter", "future.cer, certificate not yet valid: NotBefore"})
    void layer45ClientNamesTheDefect(String cerFile, String expected) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(serverKeys(cerFile), PASSWORD);
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
                assertTrue(e.getMessage().contains("certificate_expired"), e.getMessage());
            }
            Exception onServer = serverSaw.get(10, TimeUnit.SECONDS);
            assertNotNull(onServer, "the server must see the failure");
            // As in SocketInteropTest: the client's close may overtake its alert (a TCP reset).
            assertTrue(String.valueOf(onServer.getMessage()).contains("certificate_expired")
                    || onServer instanceof java.net.SocketException, "server received the alert: " + onServer);
        }
    }
}
