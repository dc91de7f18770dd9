package org.layer45.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layer45.cli.PeerProcess;
import org.layer45.cli.Peers;

/** Certificates from {@link CertificateBuilder}, checked by the JDK's parser and PKIX and by real OpenSSL. */
class CertificateBuilderTest {
    private static ThrowawayPki pki;

    @BeforeAll
    static void makePki() throws Exception {
        pki = ThrowawayPki.create(List.of("layer45.test"));
    }

    @Test
    void leafCarriesTheExtensionsTlsServersNeed() throws Exception {
        X509Certificate leaf = pki.server();
        assertEquals(3, leaf.getVersion());
        leaf.verify(pki.ca().getPublicKey());
        leaf.checkValidity();
        assertEquals("SHA256withECDSA", leaf.getSigAlgName());
        assertEquals("1.2.840.10045.4.3.2", leaf.getSigAlgOID());
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(Set.of(List.of(2, "localhost"), List.of(2, "layer45.test"), List.of(7, "127.0.0.1")),
                Set.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals(Set.of("2.5.29.19", "2.5.29.15"), leaf.getCriticalExtensionOIDs());
        assertEquals("CN=localhost,O=Layer45", leaf.getSubjectX500Principal().getName());
        assertEquals(pki.ca().getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertTrue(leaf.getSerialNumber().signum() > 0);
    }

    @Test
    void caIsARootWithPathLengthZero() throws Exception {
        X509Certificate ca = pki.ca();
        ca.verify(ca.getPublicKey());
        assertEquals(0, ca.getBasicConstraints());
        boolean[] ku = ca.getKeyUsage();
        assertTrue(ku[5] && ku[6] && !ku[0], "keyCertSign and cRLSign only");
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
    }

    @Test
    void authorityKeyIdOfLeafIsSubjectKeyIdOfCa() throws Exception {
        byte[] ski = unwrapOctetString(pki.ca().getExtensionValue("2.5.29.14"));
        byte[] aki = unwrapOctetString(pki.server().getExtensionValue("2.5.29.35"));
        DerReader akiFields = new DerReader(aki).next(0x30, "AuthorityKeyIdentifier").children();
        byte[] keyId = akiFields.next(0x80, "keyIdentifier").content();
        assertArrayEquals(new DerReader(ski).next(0x04, "SubjectKeyIdentifier").content(), keyId);
        assertEquals(20, keyId.length);
    }

    /** getExtensionValue returns the extnValue OCTET STRING itself; its content is the extension's DER. */
    private static byte[] unwrapOctetString(byte[] der) {
        return new DerReader(der).next(0x04, "extnValue").content();
    }

    @Test
    void pkixAndTheJdkTrustManagerAcceptTheChain() throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(pki.ca(), null)));
        params.setRevocationEnabled(false);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(pki.server())), params);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", pki.ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        tm.checkServerTrusted(new X509Certificate[] {pki.server(), pki.ca()}, "ECDHE_ECDSA");
    }

    @Test
    void anotherCaDoesNotValidateTheLeaf() throws Exception {
        ThrowawayPki other = ThrowawayPki.create(List.of());
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(other.ca(), null)));
        params.setRevocationEnabled(false);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        assertThrows(CertPathValidatorException.class, () -> CertPathValidator.getInstance("PKIX")
                .validate(cf.generateCertPath(List.of(pki.server())), params));
    }

    @Test
    void validityFollowsTheRequestedLifetime() throws Exception {
        KeyPair k = ThrowawayPki.p256();
        Instant start = Instant.parse("2049-12-31T12:00:00Z");
        X509Certificate c = CertificateBuilder.forKey(k.getPublic()).subject("CN=long lived")
                .validity(start, Duration.ofDays(3)).selfSigned(k.getPrivate());
        assertEquals(Date.from(start.minus(Duration.ofHours(1))), c.getNotBefore()); // UTCTime
        assertEquals(Date.from(start.plus(Duration.ofDays(3))), c.getNotAfter()); // GeneralizedTime (2050)
    }

    @Test
    void rsaIssuerSignsWithSha256WithRsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair rsa = g.generateKeyPair();
        X509Certificate ca = CertificateBuilder.forKey(rsa.getPublic()).subject("CN=rsa root").certificateAuthority()
                .selfSigned(rsa.getPrivate());
        KeyPair leafKeys = ThrowawayPki.p256();
        X509Certificate leaf = CertificateBuilder.forKey(leafKeys.getPublic()).dnsName("localhost")
                .issuedBy(ca, rsa.getPrivate());
        assertEquals("SHA256withRSA", leaf.getSigAlgName());
        leaf.verify(rsa.getPublic());
    }

    @Test
    void ipAddressMustBeALiteral() throws Exception {
        KeyPair k = ThrowawayPki.p256();
        assertThrows(IllegalArgumentException.class, () -> CertificateBuilder.forKey(k.getPublic()).ipAddress("localhost"));
    }

    /** OpenSSL 3.0, in strict RFC 5280 mode, verifies the chain for the TLS server purpose and reads the SANs. */
    @Test
    void opensslVerifiesTheChainStrictly(@TempDir Path dir) throws Exception {
        String openssl = Peers.require("openssl");
        Files.writeString(dir.resolve("ca.pem"), Pem.certificate(pki.ca()));
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(pki.server()));
        PeerProcess.Result verify = PeerProcess.run(dir, List.of(openssl, "verify", "-x509_strict", "-purpose",
                "sslserver", "-verify_hostname", "layer45.test", "-CAfile", "ca.pem", "leaf.pem"), 20_000);
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("leaf.pem: OK"), verify.output());

        PeerProcess.Result text = PeerProcess.run(dir, List.of(openssl, "x509", "-in", "leaf.pem", "-noout", "-text"),
                20_000);
        assertEquals(0, text.exitCode(), text.output());
        assertTrue(text.output().contains("DNS:localhost, DNS:layer45.test, IP Address:127.0.0.1"), text.output());
        assertTrue(text.output().contains("TLS Web Server Authentication"), text.output());
        assertTrue(text.output().contains("CA:FALSE"), text.output());

        PeerProcess.Result wrongHost = PeerProcess.run(dir, List.of(openssl, "verify", "-verify_hostname",
                "other.test", "-CAfile", "ca.pem", "leaf.pem"), 20_000);
        assertTrue(wrongHost.exitCode() != 0 && wrongHost.output().contains("hostname mismatch"), wrongHost.output());
    }
}
