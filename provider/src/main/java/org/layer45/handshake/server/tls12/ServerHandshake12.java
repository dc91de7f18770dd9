package org.layer45.handshake.server.tls12;

import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;

import org.layer45.crypto.KeyExchange.ClientKeyShare;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains12;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Negotiation;
import org.layer45.handshake.Role;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.Transcript12;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.CertificateRequest12;
import org.layer45.message.ClientHello;
import org.layer45.message.ServerHello;
import org.layer45.message.ServerHelloDone;
import org.layer45.message.ServerKeyExchange;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.EcPointFormats;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.RenegotiationInfo;

/**
 * Entry point of the TLS 1.2 server handshake: answers a ClientHello with the full flight
 * (RFC 5246 §7.3: ServerHello, Certificate, ServerKeyExchange, [CertificateRequest], ServerHelloDone;
 * no ServerKeyExchange with RSA key transport, §7.4.3) or, for a resumable session, with the
 * abbreviated one ({@link Resumption12}).
 */
public final class ServerHandshake12 {
    private ServerHandshake12() {
    }

    /**
     * @param supports13 whether we also support TLS 1.3: then our random carries the RFC 8446 §4.1.3
     *                   downgrade sentinel
     */
    public static Server12State respond(HandshakeSettings s, ClientHello ch, HandshakeInput in, HandshakeOutput out,
            boolean supports13) throws TlsFailure {
        ClientOffer12 offer = ClientOffer12.parse(ch);
        Transcript12 transcript = new Transcript12();
        transcript.add(in.encoded());
        byte[] random = serverRandom(s, supports13);
        Server12State resumed = Resumption12.tryResume(s, offer, transcript, random, out);
        if (resumed != null) {
            return resumed;
        }
        List<SignatureScheme> schemes = schemesOfCommonSuites(s, ch, offer.signatureSchemes());
        CertifiedKey key = s.certificateSelector().select(Role.SERVER, offer.serverNames(), schemes, schemes);
        if (key == null) {
            throw failure(Reason.NO_CERTIFICATE, "no certificate for this client");
        }
        if (!curveOffered(key, offer)) {
            // RFC 8422 §5.3: an ECDSA certificate's "public key MUST use a curve ... supported by the
            // client"; a certificate with an RSA key may still serve an ECDHE_RSA suite.
            List<SignatureScheme> rsa = schemes.stream().filter(x -> x.name().startsWith("rsa_")).toList();
            key = rsa.isEmpty() ? null : s.certificateSelector().select(Role.SERVER, offer.serverNames(), rsa, rsa);
            if (key == null || !curveOffered(key, offer)) {
                throw failure(Reason.NO_CERTIFICATE, "the curve of our ECDSA certificate is not in the client's"
                        + " supported_groups " + offer.groups());
            }
        }
        NamedGroup commonGroup = Negotiation.firstGroup(Tls12Policy.groups(s), offer.groups()::contains);
        CipherSuite suite = chooseSuite(s, ch, key, commonGroup != null);
        boolean rsaKeyTransport = Tls12Policy.isRsaKeyTransportSuite(suite);
        SignatureScheme scheme = rsaKeyTransport ? null : chooseScheme(s, offer, key);
        NamedGroup group = rsaKeyTransport ? null : commonGroup;
        String alpn = Negotiation.chooseAlpn(s.alpnProtocols(), offer.alpn());
        boolean sendTicket = offer.ticket() != null && s.ticketKeys() != null && s.maxTicketsSent() > 0;
        byte[] sessionId = new byte[s.sessionCache() != null ? 32 : 0];
        s.backend().random().nextBytes(sessionId);
        ServerHello sh = serverHello(random, sessionId, suite, offer, alpn, sendTicket);
        out.sendHandshake(transcript.add(sh));
        out.sendHandshake(transcript.add(CertificateChains12.message(key.chain())));
        ServerKeyAgreement12 keyAgreement;
        if (rsaKeyTransport) {
            // RFC 5246 §7.4.3: no ServerKeyExchange; the client encrypts to our certificate's key.
            keyAgreement = new ServerKeyAgreement12.RsaKeyTransport(key.key(), ch.legacyVersion());
        } else {
            ClientKeyShare ephemeral = s.backend().keyExchange(group).generate();
            byte[] signed = ServerKeyExchange.signedParams(ch.random(), random, group, ephemeral.publicShare());
            byte[] signature = Tls12Policy.signer(key, scheme, s.backend()).sign(signed);
            out.sendHandshake(transcript.add(new ServerKeyExchange(group, ephemeral.publicShare(), scheme,
                    signature)));
            keyAgreement = new ServerKeyAgreement12.Ecdhe(ephemeral);
        }
        List<SignatureScheme> requested = null;
        if (s.clientAuth() != ClientAuth.NONE) {
            requested = Tls12Policy.signatureSchemes(s);
            out.sendHandshake(transcript.add(new CertificateRequest12(new byte[] {CertificateRequest12.ECDSA_SIGN,
                    CertificateRequest12.RSA_SIGN}, requested, List.of())));
        }
        out.sendHandshake(transcript.add(new ServerHelloDone()));
        ServerContext12 c = new ServerContext12(s, offer, transcript, suite, group, scheme, random, sessionId, alpn,
                offer.serverName(), key.chain(), requested, sendTicket);
        return requested != null ? new ExpectClientCertificate12(c, keyAgreement)
                : new ExpectClientKeyExchange(c, keyAgreement, List.of());
    }

    /**
     * The client's signature schemes narrowed to the key types our common suites can authenticate
     * (RFC 8422 §5.3: ECDHE_ECDSA needs an ECDSA or EdDSA key, ECDHE_RSA an RSA one; RFC 5246 §7.4.2:
     * RSA key transport an RSA one), so that a server holding EC and RSA certificates picks one that
     * fits a suite. Unnarrowed if that leaves nothing: {@link #chooseSuite} then reports the mismatch.
     */
    private static List<SignatureScheme> schemesOfCommonSuites(HandshakeSettings s, ClientHello ch,
            List<SignatureScheme> offered) {
        boolean ecdsa = false;
        boolean rsa = false;
        for (CipherSuite suite : Tls12Policy.suites(s)) {
            if (ch.cipherSuites().contains(suite)) {
                ecdsa |= Tls12Policy.isEcdsaSuite(suite);
                rsa |= !Tls12Policy.isEcdsaSuite(suite);
            }
        }
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme scheme : offered) {
            boolean rsaScheme = scheme.name().startsWith("rsa_");
            if (rsaScheme ? rsa : ecdsa) {
                out.add(scheme);
            }
        }
        return out.isEmpty() ? offered : out;
    }

    /** Whether the client's supported_groups allow our certificate's key (always for non-EC keys or no extension). */
    private static boolean curveOffered(CertifiedKey key, ClientOffer12 offer) {
        if (offer.groups().isEmpty() || !(key.chain().get(0).getPublicKey() instanceof ECPublicKey ec)) {
            return true; // RFC 8422 §4: without the extension the server may use any curve
        }
        NamedGroup curve = switch (ec.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> NamedGroup.SECP256R1;
            case 384 -> NamedGroup.SECP384R1;
            case 521 -> NamedGroup.SECP521R1;
            default -> null;
        };
        return curve != null && offer.groups().contains(curve);
    }

    /** 32 random bytes; the last 8 are DOWNGRD\x01 when we could have done TLS 1.3 (RFC 8446 §4.1.3). */
    private static byte[] serverRandom(HandshakeSettings s, boolean supports13) {
        byte[] random = new byte[32];
        s.backend().random().nextBytes(random);
        if (supports13) {
            System.arraycopy(ServerHello.DOWNGRADE_TLS12, 0, random, 24, 8);
        }
        return random;
    }

    /**
     * Our most preferred suite the client offered that fits our certificate key: ECDHE suites (only
     * with a group in common) before RSA key transport ones ({@link Tls12Policy#suites}, which lists
     * those only when the application enabled them).
     */
    private static CipherSuite chooseSuite(HandshakeSettings s, ClientHello ch, CertifiedKey key, boolean haveGroup)
            throws TlsFailure {
        boolean groupMissing = false;
        for (CipherSuite suite : Tls12Policy.suites(s)) {
            if (!ch.cipherSuites().contains(suite) || !fits(suite, key)) {
                continue;
            }
            if (Tls12Policy.isRsaKeyTransportSuite(suite) || haveGroup) {
                return suite;
            }
            groupMissing = true;
        }
        throw groupMissing ? failure(Reason.NO_COMMON_GROUP, "no group in common")
                : failure(Reason.NO_COMMON_CIPHER_SUITE, "no cipher suite in common");
    }

    /**
     * Whether our certificate can serve {@code suite}: an EC key for ECDHE_ECDSA, an RSA key for
     * ECDHE_RSA, and for RSA key transport an RSA key we hold (to decrypt with) whose certificate
     * allows keyEncipherment (RFC 5246 §7.4.2).
     */
    private static boolean fits(CipherSuite suite, CertifiedKey key) {
        String alg = key.chain().get(0).getPublicKey().getAlgorithm();
        if (Tls12Policy.isEcdsaSuite(suite)) {
            return "EC".equals(alg);
        }
        if (Tls12Policy.isRsaKeyTransportSuite(suite)) {
            return "RSA".equals(alg) && key.key() != null && Tls12Policy.allowsKeyEncipherment(key.chain().get(0));
        }
        return "RSA".equals(alg);
    }

    private static SignatureScheme chooseScheme(HandshakeSettings s, ClientOffer12 offer, CertifiedKey key)
            throws TlsFailure {
        SignatureScheme scheme = Tls12Policy.chooseScheme(Tls12Policy.signatureSchemes(s), offer.signatureSchemes(),
                key, s.backend());
        if (scheme != null) {
            return scheme;
        }
        throw failure(Reason.NO_COMMON_SIGNATURE_SCHEME, "no signature scheme in common for our certificate");
    }

    /** A TLS 1.2 ServerHello answering only extensions the client sent (RFC 5246 §7.4.1.4). */
    static ServerHello serverHello(byte[] random, byte[] sessionId, CipherSuite suite, ClientOffer12 offer,
            String alpn, boolean sendTicket) {
        List<Extension> ext = new ArrayList<>();
        // RFC 5746 §3.6: an empty renegotiation_info, whether the client sent the extension or the SCSV.
        ext.add(new RenegotiationInfo(new byte[0]).toExtension());
        ext.add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0])); // RFC 7627 §5.2
        if (offer.hello().extensions().has(ExtensionType.EC_POINT_FORMATS)) {
            ext.add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)).toExtension());
        }
        if (!offer.serverNames().isEmpty()) {
            ext.add(new Extension(ExtensionType.SERVER_NAME, new byte[0])); // RFC 6066 §3
        }
        if (alpn != null) {
            ext.add(new Alpn(List.of(alpn)).toExtension());
        }
        if (sendTicket) {
            ext.add(new Extension(ExtensionType.SESSION_TICKET, new byte[0])); // RFC 5077 §3.2
        }
        return new ServerHello(ProtocolVersion.TLS12, random, sessionId, suite, 0, Extensions.of(ext));
    }

    static TlsFailure failure(Reason reason, String detail) {
        return new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, reason, detail);
    }

    /** Constant-time comparison of two Finished verify_data values. */
    static boolean sameVerifyData(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
