package org.layer45.cli.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files (RFC 7468): certificates and private keys in and out. Keys are read from PKCS#8
 * "PRIVATE KEY" (RFC 5958), SEC1 "EC PRIVATE KEY" (RFC 5915) and PKCS#1 "RSA PRIVATE KEY"
 * (RFC 8017 A.1.2) blocks; the last two are wrapped into PKCS#8 for {@link KeyFactory}. Keys are
 * written as PKCS#8, unencrypted.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final String OID_RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String OID_ED25519 = "1.3.101.112";
    private static final String OID_ED448 = "1.3.101.113";

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    public static String certificate(X509Certificate cert) throws GeneralSecurityException {
        return encode("CERTIFICATE", cert.getEncoded());
    }

    public static String privateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("key is not PKCS#8-encodable: " + key.getFormat());
        }
        return encode("PRIVATE KEY", key.getEncoded());
    }

    /** Every certificate in {@code file}, in file order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        byte[] bytes = Files.readAllBytes(file);
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return out;
    }

    /** The first private key in {@code file}. */
    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String label = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("bad base64 in the " + label + " block of " + file, e);
            }
            try {
                switch (label) {
                    case "PRIVATE KEY":
                        return pkcs8(der);
                    case "EC PRIVATE KEY":
                        return pkcs8(fromSec1(der));
                    case "RSA PRIVATE KEY":
                        return pkcs8(Der.sequence(Der.integer(0), Der.sequence(Der.oid(OID_RSA_ENCRYPTION), Der.nul()),
                                Der.octetString(der)));
                    case "ENCRYPTED PRIVATE KEY":
                        throw new GeneralSecurityException(file + " holds an encrypted key; decrypt it first: "
                                + "openssl pkcs8 -in " + file + " -out key.pem");
                    default:
                        break; // e.g. "EC PARAMETERS" before the key, as openssl ecparam -genkey writes it
                }
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("malformed " + label + " in " + file + ": " + e.getMessage(), e);
            }
        }
        throw new GeneralSecurityException("no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block in " + file);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        DerReader info = new DerReader(der).next(Der.SEQUENCE, "PrivateKeyInfo").children();
        info.next(Der.INTEGER, "version");
        DerReader algorithm = info.next(Der.SEQUENCE, "privateKeyAlgorithm").children();
        String oid = DerReader.oid(algorithm.next(Der.OID, "algorithm").content());
        String jca = switch (oid) {
            case OID_EC_PUBLIC_KEY -> "EC";
            case OID_RSA_ENCRYPTION -> "RSA";
            case OID_RSASSA_PSS -> "RSASSA-PSS";
            case OID_ED25519 -> "Ed25519";
            case OID_ED448 -> "Ed448";
            default -> throw new GeneralSecurityException("unsupported private key algorithm " + oid);
        };
        return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /**
     * RFC 5915 §3 ECPrivateKey { version, privateKey, [0] parameters, [1] publicKey } to RFC 5958
     * PrivateKeyInfo: the curve OID moves into the AlgorithmIdentifier, the structure is kept whole.
     */
    private static byte[] fromSec1(byte[] sec1) throws GeneralSecurityException {
        DerReader fields = new DerReader(sec1).next(Der.SEQUENCE, "ECPrivateKey").children();
        fields.next(Der.INTEGER, "version");
        fields.next(Der.OCTET_STRING, "privateKey");
        while (fields.hasNext()) {
            DerReader.Tlv t = fields.next();
            if (t.tag() == 0xA0) {
                byte[] curve = t.content(); // the namedCurve OID TLV
                return Der.sequence(Der.integer(0), Der.sequence(Der.oid(OID_EC_PUBLIC_KEY), curve),
                        Der.octetString(sec1));
            }
        }
        throw new GeneralSecurityException("EC PRIVATE KEY without curve parameters");
    }
}
