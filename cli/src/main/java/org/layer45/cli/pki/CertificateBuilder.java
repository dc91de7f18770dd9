package org.layer45.cli.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

/**
 * Builds and signs an X.509 v3 certificate (RFC 5280 §4.1) in pure Java: the JDK can parse
 * certificates but has no public API to make one. Enough for a throwaway PKI: subject and issuer
 * names, validity, subjectAltName dNSName / iPAddress, basicConstraints, keyUsage, extKeyUsage
 * serverAuth, subject and authority key identifiers. Signed with ECDSA (P-256 key: SHA256withECDSA)
 * or RSA (SHA256withRSA) by {@link java.security.Signature}.
 */
public final class CertificateBuilder {
    private static final String EXT_SUBJECT_KEY_ID = "2.5.29.14";
    private static final String EXT_KEY_USAGE = "2.5.29.15";
    private static final String EXT_SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String EXT_BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String EXT_AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String EXT_EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String KP_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    // RFC 5280 §4.2.1.3 KeyUsage bit numbers
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final PublicKey subjectKey;
    private X500Principal subject = new X500Principal("CN=localhost");
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = notBefore.plus(Duration.ofDays(30));
    private final List<String> dnsNames = new ArrayList<>();
    private final List<InetAddress> ipAddresses = new ArrayList<>();
    private boolean ca;
    private BigInteger serial;

    private CertificateBuilder(PublicKey subjectKey) {
        this.subjectKey = subjectKey;
    }

    /** A builder for a certificate binding {@code subjectKey}; defaults: CN=localhost, valid 30 days. */
    public static CertificateBuilder forKey(PublicKey subjectKey) {
        return new CertificateBuilder(subjectKey);
    }

    public CertificateBuilder subject(String distinguishedName) {
        this.subject = new X500Principal(distinguishedName);
        return this;
    }

    /** Valid from an hour before {@code start} (tolerates clock skew) until {@code start + lifetime}. */
    public CertificateBuilder validity(Instant start, Duration lifetime) {
        this.notBefore = start.minus(Duration.ofHours(1));
        this.notAfter = start.plus(lifetime);
        return this;
    }

    public CertificateBuilder dnsName(String name) {
        dnsNames.add(name);
        return this;
    }

    /** An iPAddress SAN; {@code literal} must be an IP address (no name lookup happens). */
    public CertificateBuilder ipAddress(String literal) {
        // Only literals: InetAddress.getByName must not turn a host name into a DNS lookup here.
        if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !literal.contains(":")) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        try {
            ipAddresses.add(InetAddress.getByName(literal));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
        return this;
    }

    /** A CA certificate (basicConstraints cA, pathLenConstraint 0; keyCertSign and cRLSign). */
    public CertificateBuilder certificateAuthority() {
        this.ca = true;
        return this;
    }

    public CertificateBuilder serial(BigInteger serial) {
        this.serial = serial;
        return this;
    }

    /** Signs with the subject's own key: a self-signed (root) certificate. */
    public X509Certificate selfSigned(PrivateKey subjectPrivateKey) throws GeneralSecurityException {
        return sign(subject, subjectKey, subjectPrivateKey);
    }

    /** Signs with {@code issuerKey}, naming {@code issuer}'s subject as the issuer. */
    public X509Certificate issuedBy(X509Certificate issuer, PrivateKey issuerKey) throws GeneralSecurityException {
        return sign(issuer.getSubjectX500Principal(), issuer.getPublicKey(), issuerKey);
    }

    private X509Certificate sign(X500Principal issuer, PublicKey issuerPublicKey, PrivateKey issuerKey)
            throws GeneralSecurityException {
        SignatureAlgorithm alg = SignatureAlgorithm.of(issuerKey);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)), // version v3 (RFC 5280 §4.1.2.1)
                Der.integer(serial != null ? serial : randomSerial()),
                alg.identifier(),
                issuer.getEncoded(),
                Der.sequence(Der.time(notBefore.atZone(ZoneOffset.UTC)), Der.time(notAfter.atZone(ZoneOffset.UTC))),
                subject.getEncoded(),
                subjectKey.getEncoded(), // SubjectPublicKeyInfo, already DER
                Der.explicit(3, extensions(issuerPublicKey)));
        Signature signer = Signature.getInstance(alg.jcaName);
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] cert = Der.sequence(tbs, alg.identifier(), Der.bitString(signer.sign()));
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(cert));
    }

    private byte[] extensions(PublicKey issuerPublicKey) throws GeneralSecurityException {
        List<byte[]> exts = new ArrayList<>();
        // RFC 5280 §4.2.1.9: basicConstraints MUST be critical in CA certificates; we mark it so always.
        exts.add(extension(EXT_BASIC_CONSTRAINTS, true,
                ca ? Der.sequence(Der.bool(true), Der.integer(0)) : Der.sequence()));
        exts.add(extension(EXT_KEY_USAGE, true,
                ca ? Der.namedBits(KEY_CERT_SIGN, CRL_SIGN) : Der.namedBits(DIGITAL_SIGNATURE)));
        if (!ca) {
            exts.add(extension(EXT_EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(KP_SERVER_AUTH))));
        }
        if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
            exts.add(extension(EXT_SUBJECT_ALT_NAME, false, subjectAltNames()));
        }
        // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value.
        exts.add(extension(EXT_SUBJECT_KEY_ID, false, Der.octetString(keyIdentifier(subjectKey))));
        if (!issuerPublicKey.equals(subjectKey)) {
            // RFC 5280 §4.2.1.1: keyIdentifier [0] IMPLICIT, MUST be present unless self-signed.
            exts.add(extension(EXT_AUTHORITY_KEY_ID, false,
                    Der.sequence(Der.implicitPrimitive(0, keyIdentifier(issuerPublicKey)))));
        }
        return Der.sequence(exts.toArray(new byte[0][]));
    }

    /** GeneralName dNSName [2] IA5String and iPAddress [7] OCTET STRING (RFC 5280 §4.2.1.6). */
    private byte[] subjectAltNames() {
        List<byte[]> names = new ArrayList<>();
        for (String dns : dnsNames) {
            byte[] ia5 = Der.ia5(dns);
            names.add(Der.implicitPrimitive(2, java.util.Arrays.copyOfRange(ia5, 2, ia5.length)));
        }
        for (InetAddress ip : ipAddresses) {
            names.add(Der.implicitPrimitive(7, ip.getAddress()));
        }
        return Der.sequence(names.toArray(new byte[0][]));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value)); // DEFAULT FALSE is omitted in DER
    }

    static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
        DerReader spki = new DerReader(key.getEncoded()).next(Der.SEQUENCE, "SubjectPublicKeyInfo").children();
        spki.next(Der.SEQUENCE, "algorithm");
        byte[] bits = spki.next(Der.BIT_STRING, "subjectPublicKey").content();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(bits, 1, bits.length - 1); // skip the unused-bits octet
        return sha1.digest();
    }

    private static BigInteger randomSerial() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        b[0] &= 0x7F; // RFC 5280 §4.1.2.2: a positive integer of at most 20 octets
        b[0] |= 0x01; // never zero-led, so the length is always 16 octets
        return new BigInteger(1, b);
    }

    /** The signature algorithm for an issuer key and its AlgorithmIdentifier. */
    private enum SignatureAlgorithm {
        ECDSA("SHA256withECDSA", ECDSA_WITH_SHA256, false),
        RSA("SHA256withRSA", SHA256_WITH_RSA, true);

        final String jcaName;
        final String oid;
        final boolean nullParameters;

        SignatureAlgorithm(String jcaName, String oid, boolean nullParameters) {
            this.jcaName = jcaName;
            this.oid = oid;
            this.nullParameters = nullParameters;
        }

        static SignatureAlgorithm of(PrivateKey key) {
            return switch (key.getAlgorithm()) {
                case "EC" -> ECDSA;
                case "RSA" -> RSA;
                default -> throw new IllegalArgumentException("cannot sign certificates with a "
                        + key.getAlgorithm() + " key (EC or RSA only)");
            };
        }

        /**
         * RFC 5758 §3.2: ecdsa-with-SHA256 parameters MUST be absent; RFC 4055 §5:
         * sha256WithRSAEncryption parameters are NULL.
         */
        byte[] identifier() {
            return nullParameters ? Der.sequence(Der.oid(oid), Der.nul()) : Der.sequence(Der.oid(oid));
        }
    }
}
