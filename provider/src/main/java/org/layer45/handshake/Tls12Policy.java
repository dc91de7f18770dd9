package org.layer45.handshake;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.Signer;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.Tls12KeySchedule;
import org.layer45.message.extension.EcPointFormats;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.RenegotiationInfo;
import org.layer45.iana.ExtensionType;
import org.layer45.record.RecordProtection;

/**
 * What TLS 1.2 may use of the settings, and the helpers both 1.2 roles share: the ECDHE AEAD suites
 * (RFC 8422, RFC 5289, RFC 7905) and, only when the application enables them, the RSA key transport
 * AEAD suites (RFC 5288; never in the defaults, DESIGN.md §8), the ECDHE groups, the signature schemes TLS 1.2 allows
 * (rsa_pkcs1_* included, RFC 8446 §4.2.3), the ClientHello extensions a 1.2-capable client adds, and
 * the record protections from the key block.
 */
public final class Tls12Policy {
    /** RFC 8422 §5.1.1: the groups usable for TLS 1.2 ECDHE (no hybrid post-quantum groups). */
    public static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1, NamedGroup.SECP521R1, NamedGroup.X448);
    /** RFC 8446 §4.2.3: RSASSA-PKCS1-v1_5 "MAY" be offered by a client that advertises TLS 1.2. */
    public static final List<SignatureScheme> PKCS1 = List.of(SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);

    private Tls12Policy() {
    }

    /** Whether {@code suite} is one of the ECDHE AEAD suites we implement for TLS 1.2. */
    public static boolean isEcdheSuite(CipherSuite suite) {
        return !suite.tls13() && suite.aead() != null && suite.name().startsWith("TLS_ECDHE_");
    }

    /**
     * Whether {@code suite} is one of the RSA key transport AEAD suites we implement (RFC 5288
     * TLS_RSA_WITH_AES_*_GCM_*: the client encrypts the premaster secret to the server's key,
     * RFC 5246 §7.4.7.1). Never enabled by default: no forward secrecy.
     */
    public static boolean isRsaKeyTransportSuite(CipherSuite suite) {
        return !suite.tls13() && suite.aead() != null && suite.name().startsWith("TLS_RSA_WITH_");
    }

    /** Whether {@code suite} is a TLS 1.2 suite we implement: ECDHE or RSA key transport, AEAD only. */
    public static boolean isTls12Suite(CipherSuite suite) {
        return isEcdheSuite(suite) || isRsaKeyTransportSuite(suite);
    }

    /**
     * The configured TLS 1.2 suites in the order we offer (client) or prefer (server) them: every
     * ECDHE suite before any RSA key transport suite, each kind in the configured order, so that an
     * application enabling TLS_RSA_* never loses forward secrecy with a peer that has ECDHE.
     */
    public static List<CipherSuite> suites(HandshakeSettings s) {
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite c : s.cipherSuites()) {
            if (isEcdheSuite(c)) {
                out.add(c);
            }
        }
        for (CipherSuite c : s.cipherSuites()) {
            if (isRsaKeyTransportSuite(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Whether an ECDHE suite authenticates with ECDSA (else RSA). */
    public static boolean isEcdsaSuite(CipherSuite suite) {
        return suite.name().startsWith("TLS_ECDHE_ECDSA_");
    }

    /** Whether the settings allow TLS 1.2 at all: the version enabled and at least one 1.2 suite. */
    public static boolean enabled(HandshakeSettings s) {
        return s.enabledProtocols().contains(ProtocolVersion.TLS12) && s.cipherSuites().stream()
                .anyMatch(Tls12Policy::isTls12Suite);
    }

    /**
     * Whether the certificate lets its key encrypt, as RSA key transport needs (RFC 5246 §7.4.2: "the
     * keyEncipherment bit MUST be set if the key usage extension is present").
     */
    public static boolean allowsKeyEncipherment(X509Certificate leaf) {
        boolean[] keyUsage = leaf.getKeyUsage();
        return keyUsage == null || keyUsage.length > 2 && keyUsage[2]; // RFC 5280 §4.2.1.3: bit 2
    }

    /** Our groups usable in TLS 1.2, in preference order. */
    public static List<NamedGroup> groups(HandshakeSettings s) {
        List<NamedGroup> out = new ArrayList<>();
        for (NamedGroup g : s.groups()) {
            if (GROUPS.contains(g) && s.backend().supportedGroups().contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    /** Our signature schemes for TLS 1.2: the configured ones, plus rsa_pkcs1_* from the certificate list. */
    public static List<SignatureScheme> signatureSchemes(HandshakeSettings s) {
        List<SignatureScheme> out = new ArrayList<>(s.signatureSchemes());
        for (SignatureScheme p : PKCS1) {
            if (!out.contains(p) && s.signatureSchemesCert().contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The extensions a client offering TLS 1.2 adds (RFC 7627 §5.1, RFC 5746 §3.4, RFC 8422 §5.1.2):
     * extended_master_secret, an empty renegotiation_info, ec_point_formats [uncompressed].
     */
    public static List<Extension> clientHelloExtensions() {
        return List.of(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]),
                new RenegotiationInfo(new byte[0]).toExtension(),
                new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)).toExtension());
    }

    /**
     * Our most preferred scheme in {@code peer} that {@code key} can sign with: first one that fits the
     * key exactly (curve and hash agree), else one that TLS 1.2 allows (RFC 5246 §7.4.1.4.1: an
     * ECDSA scheme on another curve). Null if none.
     */
    public static SignatureScheme chooseScheme(List<SignatureScheme> ours, List<SignatureScheme> peer,
            CertifiedKey key, CryptoBackend backend) {
        for (SignatureScheme sc : ours) {
            if (peer.contains(sc) && key.canSign(sc, backend)) {
                return sc;
            }
        }
        for (SignatureScheme sc : ours) {
            if (peer.contains(sc) && canSign(key, sc, backend)) {
                return sc;
            }
        }
        return null;
    }

    /** Whether {@code key} can sign under {@code scheme} as TLS 1.2 reads it ({@link CryptoBackend#canSign12}). */
    public static boolean canSign(CertifiedKey key, SignatureScheme scheme, CryptoBackend backend) {
        return key.signerFactory() != null ? key.signerFactory().canSign(scheme) : backend.canSign12(scheme, key.key());
    }

    /** A TLS 1.2 signer for {@code key} under {@code scheme}. */
    public static Signer signer(CertifiedKey key, SignatureScheme scheme, CryptoBackend backend) throws TlsFailure {
        return key.signerFactory() != null ? key.signerFactory().create(scheme) : backend.signer12(scheme, key.key());
    }

    /** The two directions' record protections from the key block (RFC 5246 §6.3). */
    public static Protections protections(CryptoBackend backend, CipherSuite suite, byte[] masterSecret,
            byte[] clientRandom, byte[] serverRandom) throws TlsFailure {
        int ivLength = suite.aead() == org.layer45.iana.AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
        Tls12KeySchedule.KeyBlock kb = Tls12KeySchedule.keyBlock(backend.hkdf(suite.hash()), masterSecret,
                clientRandom, serverRandom, suite.aead().keyLength(), ivLength);
        return new Protections(RecordProtection.tls12(backend.aead(suite.aead(), kb.clientKey()), kb.clientIv()),
                RecordProtection.tls12(backend.aead(suite.aead(), kb.serverKey()), kb.serverIv()));
    }

    /**
     * The record protections of one connection.
     *
     * @param client protects what the client writes
     * @param server protects what the server writes
     */
    public record Protections(RecordProtection client, RecordProtection server) {
    }
}
