package org.layer45.handshake.client.tls13;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.layer45.crypto.Hkdf;
import org.layer45.crypto.KeyExchange.ClientKeyShare;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.ExtensionCustomizer;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.PskBinders;
import org.layer45.handshake.StoredTicket;
import org.layer45.handshake.Tls12Policy;
import org.layer45.handshake.Transcript;
import org.layer45.handshake.client.tls12.ClientHandshake12;
import org.layer45.handshake.client.tls12.ClientSession12;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.ClientHello;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.CertificateStatusRequest;
import org.layer45.message.extension.Cookie;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.KeyShareClientHello;
import org.layer45.message.extension.KeyShareEntry;
import org.layer45.message.extension.PreSharedKeyClientHello;
import org.layer45.message.extension.PskIdentity;
import org.layer45.message.extension.PskKeyExchangeModes;
import org.layer45.message.extension.ServerNameList;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;
import org.layer45.message.extension.SupportedVersionsClient;

/**
 * A ClientHello we sent (RFC 8446 §4.1.2) and the secrets behind it: the key shares awaiting the
 * server's, and the ticket offered as PSK (already taken from the store: tickets are single-use).
 * When TLS 1.2 is enabled too, it also carries the TLS 1.2 suites and extensions
 * ({@link Tls12Policy#clientHelloExtensions()}), so a TLS 1.2 server can answer it.
 *
 * @param hello   the message
 * @param encoded its exact bytes
 * @param shares  our pending key shares by group
 * @param ticket  the ticket offered in pre_shared_key, or null
 * @param session12 the TLS 1.2 session offered (session id and session_ticket) when TLS 1.2 is
 *                  enabled too, or null
 */
public record ClientHelloOffer(ClientHello hello, byte[] encoded, Map<NamedGroup, ClientKeyShare> shares,
        StoredTicket ticket, ClientSession12 session12) {

    /** The first ClientHello: key shares for the configured groups, a ticket if one is stored. */
    static ClientHelloOffer first(HandshakeSettings s) throws TlsFailure {
        byte[] random = randomBytes(s, 32);
        // RFC 8446 §D.4: in compatibility mode the client sends a non-empty legacy_session_id.
        byte[] sessionId = s.middleboxCompatibility() ? randomBytes(s, 32) : new byte[0];
        // RFC 5246 §7.4.1.2 / RFC 5077 §3.4: a TLS 1.2 session is offered by its id (or a fresh id with its ticket).
        ClientSession12 session12 = Tls12Policy.enabled(s) ? ClientHandshake12.takeSession(s) : null;
        if (session12 != null) {
            sessionId = session12.sessionId().length > 0 ? session12.sessionId() : randomBytes(s, 32);
        }
        Map<NamedGroup, ClientKeyShare> shares = new LinkedHashMap<>();
        for (NamedGroup g : s.keyShareGroups()) {
            if (s.groups().contains(g) && s.backend().supportedGroups().contains(g)) {
                shares.put(g, s.backend().keyExchange(g).generate());
            }
        }
        StoredTicket ticket = usableTicket(s);
        return build(s, random, sessionId, shares, null, ticket, null, session12);
    }

    /** The second ClientHello after a HelloRetryRequest (RFC 8446 §4.1.2). */
    ClientHelloOffer retry(HandshakeSettings s, NamedGroup group, byte[] cookie, CipherSuite suite,
            Transcript transcript) throws TlsFailure {
        Map<NamedGroup, ClientKeyShare> newShares = shares;
        if (group != null) {
            newShares = new LinkedHashMap<>();
            newShares.put(group, s.backend().keyExchange(group).generate());
        }
        // RFC 8446 §4.1.4: a PSK stays only if its hash matches the suite the server chose.
        StoredTicket keep = ticket != null && ticket.suite().hash().equals(suite.hash()) ? ticket : null;
        return build(s, hello.random(), hello.legacySessionId(), newShares, cookie, keep, transcript, session12);
    }

    private static ClientHelloOffer build(HandshakeSettings s, byte[] random, byte[] sessionId,
            Map<NamedGroup, ClientKeyShare> shares, byte[] cookie, StoredTicket ticket, Transcript transcript,
            ClientSession12 session12) throws TlsFailure {
        List<Extension> ext = baseExtensions(s, session12);
        List<KeyShareEntry> entries = new ArrayList<>();
        shares.forEach((g, share) -> entries.add(new KeyShareEntry(g, share.publicShare())));
        ext.add(new KeyShareClientHello(entries).toExtension());
        if (cookie != null) {
            ext.add(new Cookie(cookie).toExtension());
        }
        if (ticket == null) {
            ClientHello ch = hello(s, random, sessionId,
                    ExtensionCustomizer.apply(s, ExtensionCustomizer.Message.CLIENT_HELLO, ext));
            return new ClientHelloOffer(ch, ch.encode(), shares, null, session12);
        }
        return withBinder(s, random, sessionId, ext, shares, ticket, transcript, session12);
    }

    /**
     * RFC 8446 §4.2.11.2: the binder covers the ClientHello truncated before the binders list, so
     * encode once with a zero binder of the right length, hash the prefix, then fill in the binder
     * (the length does not change).
     */
    private static ClientHelloOffer withBinder(HandshakeSettings s, byte[] random, byte[] sessionId,
            List<Extension> ext, Map<NamedGroup, ClientKeyShare> shares, StoredTicket ticket, Transcript transcript,
            ClientSession12 session12) throws TlsFailure {
        Hkdf hkdf = s.backend().hkdf(ticket.suite().hash());
        PskIdentity identity = new PskIdentity(ticket.ticket(), ticket.obfuscatedAge(s.currentTimeMillis()));
        PreSharedKeyClientHello placeholder = new PreSharedKeyClientHello(List.of(identity),
                List.of(new byte[hkdf.hashLength()]));
        List<Extension> withPlaceholder = new ArrayList<>(ext);
        withPlaceholder.add(placeholder.toExtension()); // RFC 8446 §4.2.11: MUST be the last extension
        // The customizer edits the hello before the binder covers it; it must leave the placeholder last.
        withPlaceholder = ExtensionCustomizer.apply(s, ExtensionCustomizer.Message.CLIENT_HELLO, withPlaceholder);
        byte[] draft = hello(s, random, sessionId, withPlaceholder).encode();
        int truncated = draft.length - placeholder.bindersLength();
        byte[] th = transcript == null ? digestPrefix(hkdf, draft, truncated) : transcript.hashWith(draft, truncated);
        byte[] binder = PskBinders.resumptionBinder(hkdf, ticket.psk(), th);
        withPlaceholder.set(withPlaceholder.size() - 1, placeholder.withBinders(List.of(binder)).toExtension());
        ClientHello ch = hello(s, random, sessionId, withPlaceholder);
        return new ClientHelloOffer(ch, ch.encode(), shares, ticket, session12);
    }

    private static byte[] digestPrefix(Hkdf hkdf, byte[] data, int length) {
        return hkdf.digest(java.util.Arrays.copyOf(data, length));
    }

    private static ClientHello hello(HandshakeSettings s, byte[] random, byte[] sessionId, List<Extension> ext) {
        // RFC 8446 §4.1.2: legacy_version 0x0303, legacy_compression_methods = [null]. The TLS 1.3 suites,
        // then (TLS 1.2 enabled) the ECDHE suites and last any RSA key transport suite the application enabled.
        List<CipherSuite> suites = new ArrayList<>(s.cipherSuites().stream().filter(CipherSuite::tls13).toList());
        if (Tls12Policy.enabled(s)) {
            suites.addAll(Tls12Policy.suites(s));
        }
        return new ClientHello(ProtocolVersion.TLS12, random, sessionId, suites, new byte[] {0}, Extensions.of(ext));
    }

    private static List<Extension> baseExtensions(HandshakeSettings s, ClientSession12 session12) {
        List<Extension> ext = new ArrayList<>();
        if (s.serverName() != null) {
            ext.add(ServerNameList.of(s.serverName()).toExtension());
        }
        boolean offer12 = Tls12Policy.enabled(s);
        ext.add(new SupportedVersionsClient(offer12 ? List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)
                : List.of(ProtocolVersion.TLS13)).toExtension());
        ext.add(new SupportedGroups(s.groups()).toExtension());
        ext.add(new SignatureAlgorithms(offer12 ? Tls12Policy.signatureSchemes(s) : s.signatureSchemes())
                .toExtension(ExtensionType.SIGNATURE_ALGORITHMS));
        ext.add(new SignatureAlgorithms(s.signatureSchemesCert())
                .toExtension(ExtensionType.SIGNATURE_ALGORITHMS_CERT));
        if (!s.alpnProtocols().isEmpty()) {
            ext.add(new Alpn(s.alpnProtocols()).toExtension());
        }
        if (s.requestOcspStapling()) {
            // RFC 6066 §8: status_type ocsp, no responder ids, no request extensions.
            ext.add(CertificateStatusRequest.ocsp().toExtension());
        }
        // Always offered (as browsers do) so the server may issue tickets; psk_dhe_ke only (RFC 8446 §4.2.9).
        ext.add(new PskKeyExchangeModes(List.of(PskKeyExchangeModes.PSK_DHE_KE)).toExtension());
        if (offer12) {
            ext.addAll(Tls12Policy.clientHelloExtensions());
            // RFC 5077 §3.2: empty (tickets welcome) or the ticket of the TLS 1.2 session we offer.
            ext.add(new Extension(ExtensionType.SESSION_TICKET, session12 == null ? new byte[0] : session12.ticket()));
        }
        return ext;
    }

    /** A stored ticket that is unexpired and usable with one of our suites' hashes, or null. */
    private static StoredTicket usableTicket(HandshakeSettings s) {
        StoredTicket t = s.ticketStore().take(s.serverName());
        if (t == null || !t.isValidAt(s.currentTimeMillis())) {
            return null;
        }
        for (CipherSuite c : s.cipherSuites()) {
            if (c.tls13() && c.hash().equals(t.suite().hash())) {
                return t;
            }
        }
        return null;
    }

    private static byte[] randomBytes(HandshakeSettings s, int n) {
        byte[] b = new byte[n];
        s.backend().random().nextBytes(b);
        return b;
    }
}
