package org.layer45.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.layer45.testcrypto.Rfc8448.*;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.layer45.connection.Connection;
import org.layer45.crypto.Signer;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.extension.Extension;
import org.layer45.testcrypto.Hex;

/**
 * What the RFC 8448 handshake tests share: the trace's server certificate and RSA key (§2, §3), a
 * signer that returns the trace's randomized RSA-PSS signature only after checking it over the exact
 * content our code asks to sign, the algorithm lists the trace's client offers, an extension
 * arrangement helper for {@link ExtensionCustomizer}s, and record I/O on a sans-I/O connection.
 */
final class Rfc8448Trace {
    /** A fixed clock, within the trace certificate's validity (2016-07-30 to 2026-07-30), not that we check it. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** §3 ClientHello cipher_suites: 1301, 1303, 1302. */
    static final List<CipherSuite> SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384);

    /** §3 / §4 ClientHello supported_groups: x25519, P-256, P-384, P-521, ffdhe2048..8192. */
    static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.SECP521R1, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096,
            NamedGroup.FFDHE6144, NamedGroup.FFDHE8192);

    /**
     * §3 / §4 / §5 ClientHello signature_algorithms: ECDSA (P-256, P-384, P-521, SHA-1), RSA-PSS-RSAE,
     * RSA-PKCS1 (SHA-256, -384, -512, -1) and DSA (0402, 0502, 0602, 0202). Our client offers them as
     * configured; it would still refuse PKCS#1 or DSA in a TLS 1.3 CertificateVerify.
     */
    static final List<SignatureScheme> SIGNATURE_SCHEMES = schemes(0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805,
            0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402, 0x0502, 0x0602, 0x0202);

    /** §3 / §4 / §5 renegotiation_info in the ClientHello: an empty renegotiated_connection. */
    static final byte[] RENEGOTIATION_INFO_EMPTY = Hex.bytes("00");
    /** §3 / §4 / §5 record_size_limit (RFC 8449) in ClientHello and EncryptedExtensions: 16385. */
    static final byte[] RECORD_SIZE_LIMIT = Hex.bytes("4001");
    /** §3 / §4 EncryptedExtensions supported_groups: the server's x25519, P-256, P-384, P-521, ffdhe2048..8192. */
    static final byte[] SERVER_GROUPS_S3 = Hex.bytes("0012001d00170018001901000101010201030104");

    private static final byte[] CONTEXT_SERVER =
            "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private Rfc8448Trace() {
    }

    private static List<SignatureScheme> schemes(int... codes) {
        List<SignatureScheme> out = new ArrayList<>();
        for (int c : codes) {
            out.add(SignatureScheme.of(c));
        }
        return List.copyOf(out);
    }

    /** §3 the server's self-signed RSA certificate ("rsa"). */
    static X509Certificate certificate() throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(S3_CERTIFICATE_DER));
    }

    /** §2 the server's RSA private key, from its CRT components. */
    static PrivateKey rsaKey() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(pos(RSA_MODULUS),
                pos(RSA_PUBLIC_EXPONENT), pos(RSA_PRIVATE_EXPONENT), pos(RSA_PRIME1), pos(RSA_PRIME2),
                pos(RSA_EXPONENT1), pos(RSA_EXPONENT2), pos(RSA_COEFFICIENT)));
    }

    private static BigInteger pos(byte[] b) {
        return new BigInteger(1, b);
    }

    /**
     * RFC 8446 §4.4.3: the content a server CertificateVerify signs, 64 spaces, the context string, a
     * zero byte and the transcript hash (here the trace's hash, so a mismatch names the culprit).
     */
    static byte[] serverSignedContent(byte[] transcriptHash) {
        byte[] spaces = new byte[64];
        Arrays.fill(spaces, (byte) 0x20);
        return Hex.concat(spaces, CONTEXT_SERVER, new byte[1], transcriptHash);
    }

    /**
     * The trace's certificate with a signer factory for rsa_pss_rsae_sha256 only. RSA-PSS is
     * randomized (salt), so the signer returns the trace's signature instead of signing, but only
     * after checking with the certificate's public key (the JDK's RSASSA-PSS, not our backend) that
     * it is a valid signature over the very content our handshake asks to sign; every content is
     * recorded in {@code signed}. The private key from §2 rides along in the record (unused by a
     * signer factory) and is checked against the certificate by the tests.
     *
     * @param traceSignature the signature field of the trace's CertificateVerify
     * @param signed         receives each content our code asked to sign
     */
    static CertifiedKey certifiedKey(byte[] traceSignature, List<byte[]> signed) throws GeneralSecurityException {
        X509Certificate cert = certificate();
        CertifiedKey.SignerFactory factory = new CertifiedKey.SignerFactory() {
            @Override
            public boolean canSign(SignatureScheme scheme) {
                return scheme.equals(SignatureScheme.RSA_PSS_RSAE_SHA256);
            }

            @Override
            public Signer create(SignatureScheme scheme) {
                return new Signer() {
                    @Override
                    public SignatureScheme scheme() {
                        return scheme;
                    }

                    @Override
                    public byte[] sign(byte[] message) throws TlsFailure {
                        signed.add(message.clone());
                        if (!verifiesPss(cert, message, traceSignature)) {
                            throw new TlsFailure(AlertDescription.INTERNAL_ERROR, Reason.INTERNAL,
                                    "the trace's signature does not cover the content we were asked to sign");
                        }
                        return traceSignature.clone();
                    }
                };
            }
        };
        return new CertifiedKey(List.of(cert), rsaKey(), factory);
    }

    /** rsa_pss_rsae_sha256 (RFC 8446 §4.2.3): RSASSA-PSS, SHA-256, MGF1 with SHA-256, 32-byte salt. */
    static boolean verifiesPss(X509Certificate cert, byte[] message, byte[] signature) {
        try {
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            v.initVerify(cert.getPublicKey());
            v.update(message);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSASSA-PSS unavailable", e);
        }
    }

    /** A signature by the §2 private key over {@code message} (rsa_pss_rsae_sha256, fresh salt). */
    static byte[] signPss(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        s.initSign(rsaKey());
        s.update(message);
        return s.sign();
    }

    /** Accepts exactly the trace's certificate as a server chain (a test stand-in for trust). */
    static PeerVerifier trustTraceCertificate() throws GeneralSecurityException {
        X509Certificate expected = certificate();
        return (chain, serverName, role) -> {
            if (chain.size() != 1 || !chain.get(0).equals(expected) || role != Role.SERVER) {
                throw new TlsFailure(AlertDescription.BAD_CERTIFICATE, Reason.CERTIFICATE_REJECTED,
                        "not the rfc 8448 server certificate");
            }
        };
    }

    /**
     * Rearranges {@code ext} in place into the trace's order. Each listed type comes from
     * {@code fromTrace} if given there (added, or replacing ours), else it must be one we produced;
     * ours that are not listed are dropped and must be exactly {@code dropped}. So each test states
     * which extensions our code produced and which the trace's peer had on top.
     */
    static void arrange(List<Extension> ext, Map<Integer, byte[]> fromTrace, Set<Integer> dropped, int... order) {
        Map<Integer, Extension> ours = new LinkedHashMap<>();
        for (Extension e : ext) {
            ours.put(e.type(), e);
        }
        List<Extension> out = new ArrayList<>();
        for (int type : order) {
            Extension e = fromTrace.containsKey(type) ? new Extension(type, fromTrace.get(type)) : ours.get(type);
            if (e == null) {
                throw new AssertionError("we did not produce " + ExtensionType.name(type) + " " + ours.keySet());
            }
            out.add(e);
            ours.remove(type);
        }
        if (!new TreeSet<>(ours.keySet()).equals(new TreeSet<>(dropped))) {
            throw new AssertionError("dropped " + ours.keySet() + ", expected " + dropped);
        }
        ext.clear();
        ext.addAll(out);
    }

    /** Feeds complete records to {@code c}; returns the application data they carried. */
    static byte[] feed(Connection c, byte[]... records) throws TlsFailure {
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        for (byte[] r : records) {
            ByteBuffer src = ByteBuffer.wrap(r);
            while (src.hasRemaining()) {
                c.processRecord(src, app);
            }
        }
        assertNull(c.failure());
        return Arrays.copyOf(app.array(), app.position());
    }

    /** Everything {@code c} has queued to send. */
    static byte[] drain(Connection c) throws TlsFailure {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        c.drainPendingOutput(net);
        assertEquals(false, c.hasPendingOutput());
        return Arrays.copyOf(net.array(), net.position());
    }

    /** Seals {@code data} as one application_data record. */
    static byte[] seal(Connection c, byte[] data) throws TlsFailure {
        ByteBuffer net = ByteBuffer.allocate(c.maxSealedRecordSize());
        ByteBuffer src = ByteBuffer.wrap(data);
        c.sealApplicationData(new ByteBuffer[] {src}, 0, 1, net);
        assertEquals(0, src.remaining());
        return Arrays.copyOf(net.array(), net.position());
    }
}
