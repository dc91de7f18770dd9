package org.layer45.handshake.client.tls12;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Tls12Policy;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;
import org.layer45.message.ServerHello;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.CertificateStatusRequest;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.ServerNameList;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;

/**
 * Entry points of the TLS 1.2 client handshake: a TLS 1.2-only ClientHello, or the switch to TLS 1.2
 * when a server answers our TLS 1.3 + 1.2 ClientHello with a TLS 1.2 ServerHello.
 */
public final class ClientHandshake12 {
    private ClientHandshake12() {
    }

    /**
     * Sends a TLS 1.2-only ClientHello (RFC 5246 §7.4.1.2) without supported_versions, offering a
     * stored session (its id, and its ticket in session_ticket, RFC 5077 §3.4) if one is usable.
     */
    public static Client12State start(HandshakeSettings s, HandshakeOutput out) throws TlsFailure {
        ClientSession12 session = ClientSession12.take(s);
        byte[] random = random(s, 32);
        byte[] sessionId = session == null ? new byte[0]
                : session.sessionId().length > 0 ? session.sessionId() : random(s, 32);
        List<CipherSuite> suites = Tls12Policy.suites(s); // ECDHE first, RSA key transport (if enabled) last
        List<Extension> ext = new ArrayList<>();
        if (s.serverName() != null) {
            ext.add(ServerNameList.of(s.serverName()).toExtension());
        }
        ext.add(new SupportedGroups(Tls12Policy.groups(s)).toExtension());
        ext.add(new SignatureAlgorithms(Tls12Policy.signatureSchemes(s)).toExtension(ExtensionType.SIGNATURE_ALGORITHMS));
        if (!s.alpnProtocols().isEmpty()) {
            ext.add(new Alpn(s.alpnProtocols()).toExtension());
        }
        if (s.requestOcspStapling()) {
            // RFC 6066 §8: status_type ocsp, no responder ids, no request extensions.
            ext.add(CertificateStatusRequest.ocsp().toExtension());
        }
        ext.addAll(Tls12Policy.clientHelloExtensions());
        ext.add(new Extension(ExtensionType.SESSION_TICKET, session == null ? new byte[0] : session.ticket()));
        ClientHello ch = new ClientHello(ProtocolVersion.TLS12, random, sessionId, suites, new byte[] {0},
                Extensions.of(ext));
        byte[] encoded = ch.encode();
        out.sendHandshake(encoded);
        return new ExpectServerHello12(s, ch, encoded, false, session);
    }

    /**
     * Whether {@code sh} negotiates TLS 1.2: no supported_versions extension and not a
     * HelloRetryRequest (RFC 8446 §4.1.3: a server negotiating TLS 1.2 MUST NOT send supported_versions).
     */
    public static boolean negotiatesTls12(ServerHello sh) {
        return !sh.isHelloRetryRequest() && sh.extensions().find(ExtensionType.SUPPORTED_VERSIONS) == null;
    }

    /**
     * A TLS 1.2 ServerHello answering our TLS 1.3 + 1.2 ClientHello: continue as a TLS 1.2 client.
     *
     * @param offered        the ClientHello we sent
     * @param offeredEncoded its exact bytes
     * @param session        the TLS 1.2 session that ClientHello offered, or null
     */
    public static Client12State onServerHello(HandshakeSettings s, ClientHello offered, byte[] offeredEncoded,
            ClientSession12 session, HandshakeInput in, HandshakeOutput out) throws TlsFailure {
        return new ExpectServerHello12(s, offered, offeredEncoded, true, session).handle(in, out);
    }

    /** Takes (single use) a stored TLS 1.2 session for the configured server name, or null. */
    public static ClientSession12 takeSession(HandshakeSettings s) {
        return ClientSession12.take(s);
    }

    private static byte[] random(HandshakeSettings s, int n) {
        byte[] b = new byte[n];
        s.backend().random().nextBytes(b);
        return b;
    }
}
