package org.layer45.handshake.server.tls13;

import java.util.ArrayList;
import java.util.List;

import org.layer45.crypto.Hkdf;
import org.layer45.crypto.KeyExchange.ServerKeyShare;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateChains;
import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.ClientAuth;
import org.layer45.handshake.ExtensionCustomizer;
import org.layer45.handshake.FinishedCheck;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Negotiation;
import org.layer45.handshake.Role;
import org.layer45.handshake.Signatures;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.EarlySecret;
import org.layer45.keyschedule.HandshakeSecret;
import org.layer45.keyschedule.MasterSecret;
import org.layer45.keyschedule.TrafficSecret;
import org.layer45.message.CertificateRequest13;
import org.layer45.message.CertificateVerify;
import org.layer45.message.EncryptedExtensions;
import org.layer45.message.ServerHello;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.KeyShareEntry;
import org.layer45.message.extension.KeyShareServerHello;
import org.layer45.message.extension.PreSharedKeyServerHello;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedVersionsServer;

/**
 * The server's first flight (RFC 8446 §2): ServerHello, [CCS], EncryptedExtensions,
 * [CertificateRequest, Certificate, CertificateVerify], Finished; then the application write keys.
 */
final class ServerFlight {
    private ServerFlight() {
    }

    static ServerState respond(HandshakeSettings s, ClientOffer offer, CipherSuite suite, NamedGroup group,
            Transcript transcript, HandshakeInput in, HandshakeOutput out, boolean ccsSent) throws TlsFailure {
        PskAcceptor.Accepted psk = PskAcceptor.accept(s, offer, suite, transcript, in.encoded());
        transcript.add(in.encoded());
        String alpn = s.alpnSelector() != null && offer.alpn() != null ? s.alpnSelector().select(offer.alpn())
                : Negotiation.chooseAlpn(s.alpnProtocols(), offer.alpn());
        CertifiedKey key = null;
        SignatureScheme scheme = null;
        if (psk == null) {
            key = selectCertificate(s, offer);
            scheme = chooseScheme(s, offer, key);
        }
        ServerKeyShare share = s.backend().keyExchange(group).respond(offer.share(group).keyExchange());
        out.sendHandshake(transcript.add(serverHello(s, offer, suite, group, share, psk)));
        if (!ccsSent) {
            sendCompatibilityCcs(s, offer, out);
        }
        Hkdf hkdf = s.backend().hkdf(suite.hash());
        EarlySecret early = psk != null ? EarlySecret.withPsk(hkdf, psk.state().psk()) : EarlySecret.withoutPsk(hkdf);
        HandshakeSecret hs = early.handshakeSecret(share.sharedSecret());
        byte[] th = transcript.hash();
        TrafficSecret clientHs = hs.clientHandshakeTrafficSecret(th);
        TrafficSecret serverHs = hs.serverHandshakeTrafficSecret(th);
        out.installWriteKeys(suite, serverHs, false);
        out.installReadKeys(suite, clientHs, false);
        out.sendHandshake(transcript.add(encryptedExtensions(s, offer, alpn, psk != null)));
        boolean requestCertificate = psk == null && s.clientAuth() != ClientAuth.NONE;
        if (requestCertificate) {
            out.sendHandshake(transcript.add(certificateRequest(s)));
        }
        if (key != null) {
            sendCertificate(s, key, scheme, transcript, out);
        }
        out.sendHandshake(transcript.add(FinishedCheck.compute(serverHs, transcript.hash())));
        byte[] thFinished = transcript.hash();
        MasterSecret master = hs.masterSecret();
        out.installWriteKeys(suite, master.serverApplicationTrafficSecret(thFinished), true);
        String sni = offer.serverNames().isEmpty() ? null : offer.serverNames().get(0);
        ServerNegotiated n = new ServerNegotiated(s, suite, group, transcript, clientHs, master,
                master.clientApplicationTrafficSecret(thFinished), master.exporter(thFinished), alpn,
                psk != null ? psk.state().serverName() : sni, key == null ? List.of() : key.chain(), scheme,
                psk == null ? null : psk.state(), offer.pskDheKe());
        return requestCertificate ? new ExpectClientCertificate(n) : new ExpectClientFinished(n, List.of());
    }

    /** RFC 8446 §D.4: in compatibility mode (client sent a session id) a CCS follows our first message. */
    static boolean sendCompatibilityCcs(HandshakeSettings s, ClientOffer offer, HandshakeOutput out)
            throws TlsFailure {
        if (!s.middleboxCompatibility() || offer.hello().legacySessionId().length == 0) {
            return false;
        }
        out.sendChangeCipherSpec();
        return true;
    }

    private static CertifiedKey selectCertificate(HandshakeSettings s, ClientOffer offer) throws TlsFailure {
        if (offer.signatureSchemes() == null) {
            // RFC 8446 §4.2.3: certificate authentication needs signature_algorithms → missing_extension.
            throw new TlsFailure(AlertDescription.MISSING_EXTENSION, Reason.MISSING_EXTENSION,
                    "client hello lacks signature_algorithms");
        }
        CertifiedKey key = s.certificateSelector().select(Role.SERVER, offer.serverNames(), offer.signatureSchemes(),
                offer.signatureSchemesCert());
        if (key == null) {
            throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.NO_CERTIFICATE,
                    "no certificate for this client");
        }
        return key;
    }

    private static SignatureScheme chooseScheme(HandshakeSettings s, ClientOffer offer, CertifiedKey key)
            throws TlsFailure {
        SignatureScheme scheme = Negotiation.chooseSignatureScheme(s.signatureSchemes(), offer.signatureSchemes(),
                sc -> key.canSign(sc, s.backend()));
        if (scheme == null) {
            throw new TlsFailure(AlertDescription.HANDSHAKE_FAILURE, Reason.NO_COMMON_SIGNATURE_SCHEME,
                    "no signature scheme in common for our certificate");
        }
        return scheme;
    }

    private static ServerHello serverHello(HandshakeSettings s, ClientOffer offer, CipherSuite suite,
            NamedGroup group, ServerKeyShare share, PskAcceptor.Accepted psk) {
        byte[] random = new byte[32];
        s.backend().random().nextBytes(random);
        List<Extension> ext = new ArrayList<>();
        ext.add(new SupportedVersionsServer(ProtocolVersion.TLS13).toExtension());
        ext.add(new KeyShareServerHello(new KeyShareEntry(group, share.publicShare())).toExtension());
        if (psk != null) {
            ext.add(new PreSharedKeyServerHello(psk.index()).toExtension());
        }
        // RFC 8446 §4.1.3: echo legacy_session_id; legacy_version 0x0303.
        return new ServerHello(ProtocolVersion.TLS12, random, offer.hello().legacySessionId(), suite, 0,
                Extensions.of(ExtensionCustomizer.apply(s, ExtensionCustomizer.Message.SERVER_HELLO, ext)));
    }

    private static EncryptedExtensions encryptedExtensions(HandshakeSettings s, ClientOffer offer, String alpn,
            boolean resumed) {
        List<Extension> ext = new ArrayList<>();
        if (!offer.serverNames().isEmpty() && !resumed) {
            // RFC 6066 §3: a server that used the name acknowledges it with an empty server_name.
            ext.add(new Extension(ExtensionType.SERVER_NAME, new byte[0]));
        }
        if (alpn != null) {
            ext.add(new Alpn(List.of(alpn)).toExtension());
        }
        return new EncryptedExtensions(Extensions.of(
                ExtensionCustomizer.apply(s, ExtensionCustomizer.Message.ENCRYPTED_EXTENSIONS, ext)));
    }

    private static CertificateRequest13 certificateRequest(HandshakeSettings s) {
        // RFC 8446 §4.3.2: signature_algorithms MUST be present; the context is empty in the handshake.
        return new CertificateRequest13(new byte[0], Extensions.of(List.of(
                new SignatureAlgorithms(s.signatureSchemes()).toExtension(ExtensionType.SIGNATURE_ALGORITHMS),
                new SignatureAlgorithms(s.signatureSchemesCert()).toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT))));
    }

    private static void sendCertificate(HandshakeSettings s, CertifiedKey key, SignatureScheme scheme,
            Transcript transcript, HandshakeOutput out) throws TlsFailure {
        out.sendHandshake(transcript.add(CertificateChains.toMessage(new byte[0], key.chain())));
        byte[] content = Signatures.certificateVerifyContent(Role.SERVER, transcript.hash());
        byte[] signature = key.signer(scheme, s.backend()).sign(content);
        out.sendHandshake(transcript.add(new CertificateVerify(scheme, signature)));
    }
}
