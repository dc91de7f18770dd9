package org.layer45.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.layer45.cli.pki.CertificateBuilder;
import org.layer45.cli.pki.Pem;
import org.layer45.cli.pki.ThrowawayPki;

/**
 * PEM files for the peers (openssl s_server, curl, s_client), made with the CLI's own
 * {@link CertificateBuilder}: {@code ca.pem}, a good server {@code server.pem}/{@code server.key}
 * (localhost, 127.0.0.1), a {@code wronghost.pem}/{@code wronghost.key} for wrong.host.example and
 * an {@code expired.pem}/{@code expired.key} for localhost that expired on 2020-02-01.
 */
public final class TestCerts {
    public final Path dir;
    public final Path ca;
    /** The CA's private key (PEM), e.g. to sign an OCSP response with {@code openssl ocsp}. */
    public final Path caKey;
    public final Path serverCert;
    public final Path serverKey;
    public final Path wrongHostCert;
    public final Path wrongHostKey;
    public final Path expiredCert;
    public final Path expiredKey;

    private TestCerts(Path dir) throws Exception {
        this.dir = dir;
        Instant now = Instant.now();
        KeyPair caKeys = ThrowawayPki.p256();
        X509Certificate caCert = CertificateBuilder.forKey(caKeys.getPublic()).subject("CN=Layer45 test CA")
                .validity(now, Duration.ofDays(2)).certificateAuthority().selfSigned(caKeys.getPrivate());
        ca = write("ca.pem", Pem.certificate(caCert));
        caKey = write("ca.key", Pem.privateKey(caKeys.getPrivate()));
        KeyPair server = ThrowawayPki.p256();
        X509Certificate serverCertificate = CertificateBuilder.forKey(server.getPublic()).subject("CN=localhost")
                .validity(now, Duration.ofDays(2)).dnsName("localhost").ipAddress("127.0.0.1")
                .issuedBy(caCert, caKeys.getPrivate());
        serverCert = write("server.pem", Pem.certificate(serverCertificate) + Pem.certificate(caCert));
        serverKey = write("server.key", Pem.privateKey(server.getPrivate()));
        KeyPair wrong = ThrowawayPki.p256();
        X509Certificate wrongCertificate = CertificateBuilder.forKey(wrong.getPublic())
                .subject("CN=wrong.host.example").validity(now, Duration.ofDays(2)).dnsName("wrong.host.example")
                .issuedBy(caCert, caKeys.getPrivate());
        wrongHostCert = write("wronghost.pem", Pem.certificate(wrongCertificate));
        wrongHostKey = write("wronghost.key", Pem.privateKey(wrong.getPrivate()));
        KeyPair old = ThrowawayPki.p256();
        X509Certificate expired = CertificateBuilder.forKey(old.getPublic()).subject("CN=expired")
                .validity(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(31)).dnsName("localhost")
                .issuedBy(caCert, caKeys.getPrivate());
        expiredCert = write("expired.pem", Pem.certificate(expired));
        expiredKey = write("expired.key", Pem.privateKey(old.getPrivate()));
    }

    public static TestCerts create(Path dir) throws Exception {
        return new TestCerts(dir);
    }

    private Path write(String name, String pem) throws java.io.IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, pem);
        return p;
    }
}
