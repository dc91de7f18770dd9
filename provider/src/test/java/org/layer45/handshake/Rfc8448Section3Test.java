package org.layer45.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layer45.handshake.Rfc8448Trace.*;
import static org.layer45.testcrypto.Hex.concat;
import static org.layer45.testcrypto.Hex.hex;
import static org.layer45.testcrypto.Rfc8448.*;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.ConnectionEvent;
import org.layer45.connection.ServerConnection;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.crypto.ScriptedRandom;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ContentType;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.HandshakeMessages;
import org.layer45.message.NewSessionTicket13;
import org.layer45.record.RecordProtection;
import org.layer45.testcrypto.TestAead;

/**
 * RFC 8448 §3 (simple 1-RTT handshake) reproduced byte for byte through our real
 * {@link ServerConnection} and {@link ClientConnection}: the trace's randoms and x25519 private keys
 * come from a scripted SecureRandom in the order our code draws them, the CertificateVerify
 * signature from a checked signer (see {@link Rfc8448Trace#certifiedKey}), and the extensions the
 * trace's NSS peers send beyond ours from an {@link ExtensionCustomizer} that only adds and reorders.
 */
class Rfc8448Section3Test {
    /** §3: the trace's server, as far as Layer45 can be it. */
    private static Config serverConfig(ScriptedRandom random, CertifiedKey key) {
        return Config.builder()
                .backend(DefaultCryptoBackend.create(random))
                .clock(CLOCK)
                .certificateSelector((role, names, schemes, schemesCert) -> key)
                // §3 NewSessionTicket: lifetime 30 s; one ticket (server application record seq 0)
                .ticketLifetimeSeconds(30)
                .maxTicketsSent(1)
                .extensionCustomizer((message, ext) -> {
                    switch (message) {
                        // §3 ServerHello: key_share, then supported_versions (we write the reverse).
                        case SERVER_HELLO -> arrange(ext, Map.of(), Set.of(),
                                ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS);
                        // §3 EncryptedExtensions: supported_groups and record_size_limit precede our
                        // server_name acknowledgement.
                        case ENCRYPTED_EXTENSIONS -> arrange(ext,
                                Map.of(ExtensionType.SUPPORTED_GROUPS, SERVER_GROUPS_S3,
                                        ExtensionType.RECORD_SIZE_LIMIT, RECORD_SIZE_LIMIT),
                                Set.of(), ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT,
                                ExtensionType.SERVER_NAME);
                        default -> throw new AssertionError("unexpected " + message);
                    }
                })
                .build();
    }

    /** §3: the trace's client: suites, groups, signature algorithms as listed, no compatibility mode. */
    static Config.Builder clientConfig(ScriptedRandom random) throws GeneralSecurityException {
        return Config.builder()
                .backend(DefaultCryptoBackend.create(random))
                .clock(CLOCK)
                .cipherSuites(SUITES)
                .groups(GROUPS)
                .keyShareGroups(List.of(NamedGroup.X25519))
                .signatureSchemes(SIGNATURE_SCHEMES)
                .serverName("server")
                // RFC 8448 predates RFC 8446 §D.4 compatibility mode: empty legacy_session_id, no CCS.
                .middleboxCompatibility(false)
                .peerVerifier(trustTraceCertificate())
                // §3 ClientHello extension order; renegotiation_info, session_ticket and record_size_limit
                // are NSS's, and it sends no signature_algorithms_cert.
                .extensionCustomizer((message, ext) -> arrange(ext,
                        Map.of(ExtensionType.RENEGOTIATION_INFO, RENEGOTIATION_INFO_EMPTY,
                                ExtensionType.SESSION_TICKET, new byte[0],
                                ExtensionType.RECORD_SIZE_LIMIT, RECORD_SIZE_LIMIT),
                        Set.of(ExtensionType.SIGNATURE_ALGORITHMS_CERT),
                        ExtensionType.SERVER_NAME, ExtensionType.RENEGOTIATION_INFO, ExtensionType.SUPPORTED_GROUPS,
                        ExtensionType.SESSION_TICKET, ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS,
                        ExtensionType.SIGNATURE_ALGORITHMS, ExtensionType.PSK_KEY_EXCHANGE_MODES,
                        ExtensionType.RECORD_SIZE_LIMIT));
    }

    /** §3 CertificateVerify: the signature field (after type, length, scheme 0804 and its length). */
    private static byte[] traceSignature() {
        return Arrays.copyOfRange(S3_CERTIFICATE_VERIFY, 8, S3_CERTIFICATE_VERIFY.length);
    }

    @Test
    void serverRoleIsByteExact() throws Exception {
        // §3 {server}: x25519 key pair first (we answer the share before building the ServerHello),
        // then the ServerHello random, then ticket_age_add fad6aac5 (§3 NewSessionTicket) as nextInt.
        ScriptedRandom random = new ScriptedRandom(hex(S3_SERVER_X25519_PRIVATE), hex(S3_SERVER_RANDOM), "fad6aac5");
        List<byte[]> signed = new ArrayList<>();
        ServerConnection server = new ServerConnection(serverConfig(random, certifiedKey(traceSignature(), signed)));

        // §3 {client} send handshake record (ClientHello) → our ServerHello and encrypted flight.
        feed(server, S3_RECORD_CLIENT_HELLO);
        assertArrayEquals(concat(S3_RECORD_SERVER_HELLO, S3_RECORD_SERVER_FLIGHT), drain(server));
        // The one signature was asked over exactly §3's CertificateVerify content (RFC 8446 §4.4.3).
        assertEquals(1, signed.size());
        assertArrayEquals(serverSignedContent(S3_HASH_CH_CERT), signed.get(0));

        // §3 {client} send handshake record (Finished) → handshake complete, one NewSessionTicket.
        feed(server, S3_RECORD_CLIENT_FINISHED);
        assertTrue(server.isHandshakeComplete());
        SessionInfo session = server.session();
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, session.suite());
        assertEquals(NamedGroup.X25519, session.group());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, session.signatureScheme());
        assertEquals("server", session.serverName());
        assertFalse(session.resumed());
        checkOurTicket(drain(server));
        assertEquals(0, random.remaining()); // the ticket key and nonce came from the real fallback

        // §3 application data: the client's record opens to 00..31; ours (seq 1) equals the trace's.
        assertArrayEquals(S3_APP_DATA, feed(server, S3_RECORD_CLIENT_DATA));
        assertArrayEquals(S3_RECORD_SERVER_DATA, seal(server, S3_APP_DATA));
        // §3 close_notify both ways (ours: server application key, seq 2).
        assertEquals(0, feed(server, S3_RECORD_CLIENT_ALERT).length);
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(S3_RECORD_SERVER_ALERT, drain(server));
    }

    /**
     * Our NewSessionTicket is not byte-exact by design: the ticket is our own sealed state (§3's is
     * NSS's), our ticket_nonce is one byte (§3: two), and we announce no early_data (no 0-RTT). Its
     * record is checked under the §3 server application key, seq 0, for lifetime 30 s and the
     * scripted ticket_age_add fad6aac5 of the trace.
     */
    private static void checkOurTicket(byte[] record) throws TlsFailure {
        RecordProtection p = RecordProtection.tls13(new TestAead(AeadAlgorithm.AES_128_GCM, S3_S_AP_KEY), S3_S_AP_IV);
        ByteBuffer content = ByteBuffer.allocate(record.length);
        ByteBuffer src = ByteBuffer.wrap(record);
        assertEquals(ContentType.HANDSHAKE, p.open(src, content));
        assertFalse(src.hasRemaining(), "exactly one record");
        byte[] msg = Arrays.copyOf(content.array(), content.position());
        NewSessionTicket13 nst = assertInstanceOf(NewSessionTicket13.class,
                HandshakeMessages.decode13(msg[0] & 0xFF, Arrays.copyOfRange(msg, 4, msg.length)));
        assertEquals(30, nst.ticketLifetime());
        assertEquals(0xfad6aac5L, nst.ticketAgeAdd());
        assertEquals(1, nst.ticketNonce().length);
        assertTrue(nst.extensions().isEmpty());
    }

    /** The §3 client run; returns the connection after close_notify both ways. */
    static ClientConnection runClient(Config config, ScriptedRandom random) throws TlsFailure {
        ClientConnection client = new ClientConnection(config);
        client.start();
        // §3 {client} send handshake record: our ClientHello, byte for byte.
        assertArrayEquals(S3_RECORD_CLIENT_HELLO, drain(client));
        assertEquals(0, random.remaining());

        // §3 {server} ServerHello, then the encrypted flight → our Finished record.
        feed(client, S3_RECORD_SERVER_HELLO);
        assertEquals(0, drain(client).length, "no compatibility-mode CCS");
        feed(client, S3_RECORD_SERVER_FLIGHT);
        assertArrayEquals(S3_RECORD_CLIENT_FINISHED, drain(client));
        assertTrue(client.isHandshakeComplete());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256, client.session().signatureScheme());
        assertInstanceOf(ConnectionEvent.HandshakeComplete.class, client.pollEvent());

        // §3 {server} NewSessionTicket: the ticket and the PSK derived from it.
        feed(client, S3_RECORD_TICKET);
        StoredTicket t = assertInstanceOf(ConnectionEvent.NewTicketReceived.class, client.pollEvent()).ticket();
        assertArrayEquals(S3_TICKET, t.ticket());
        assertArrayEquals(S3_RESUMPTION_PSK, t.psk());
        assertEquals(0xfad6aac5L, t.ticketAgeAdd());
        assertEquals(30, t.lifetimeSeconds());

        // §3 application data both ways, then close_notify both ways.
        assertArrayEquals(S3_RECORD_CLIENT_DATA, seal(client, S3_APP_DATA));
        assertArrayEquals(S3_APP_DATA, feed(client, S3_RECORD_SERVER_DATA));
        client.closeOutbound();
        assertArrayEquals(S3_RECORD_CLIENT_ALERT, drain(client));
        feed(client, S3_RECORD_SERVER_ALERT);
        assertInstanceOf(ConnectionEvent.PeerClosed.class, client.pollEvent());
        return client;
    }

    @Test
    void clientRoleIsByteExact() throws Exception {
        // §3 {client}: the ClientHello random, then the x25519 private key.
        ScriptedRandom random = new ScriptedRandom(hex(S3_CLIENT_RANDOM), hex(S3_CLIENT_X25519_PRIVATE));
        runClient(clientConfig(random).build(), random);
    }

    @Test
    void traceKeyIsTheCertificatesKeyAndSignsOurContent() throws Exception {
        // §2's private key belongs to §3's certificate; a fresh signature of ours over the content
        // our server signs verifies like the trace's does.
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsaKey();
        RSAPublicKey pub = (RSAPublicKey) certificate().getPublicKey();
        assertEquals(pub.getModulus(), priv.getModulus());
        assertEquals(pub.getPublicExponent(), priv.getPublicExponent());
        byte[] content = serverSignedContent(S3_HASH_CH_CERT);
        assertTrue(verifiesPss(certificate(), content, signPss(content)));
        assertTrue(verifiesPss(certificate(), content, traceSignature()));
        content[content.length - 1] ^= 1;
        assertFalse(verifiesPss(certificate(), content, traceSignature()));
    }
}
