package org.layer45.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layer45.handshake.Rfc8448Trace.*;
import static org.layer45.testcrypto.Hex.concat;
import static org.layer45.testcrypto.Hex.hex;
import static org.layer45.testcrypto.Rfc8448.*;

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
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.message.extension.Cookie;
import org.layer45.message.extension.Extension;
import org.layer45.testcrypto.Hex;

/**
 * RFC 8448 §5 (HelloRetryRequest: the client offers an x25519 share, the server asks for P-256)
 * reproduced byte for byte in both roles through our real connections. The HRR cookie is
 * server-chosen opaque state (NSS's, 114 bytes; ours would be 32 random bytes): the server's
 * {@link ExtensionCustomizer} replaces ours with the trace's, and our server then expects that
 * cookie echoed, so the second ClientHello of the trace is accepted as it stands.
 */
class Rfc8448Section5Test {
    /**
     * §5 ClientHello / EncryptedExtensions supported_groups: x25519, P-256, P-384 (client); P-256, P-384, x25519
     * (server).
     */
    private static final List<NamedGroup> CLIENT_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1,
            NamedGroup.SECP384R1);
    private static final byte[] SERVER_GROUPS = Hex.bytes("000600170018001d");
    /** §5 second ClientHello: padding (RFC 7685) of 175 zero bytes, NSS's pad to 512 bytes. */
    private static final byte[] PADDING_175 = new byte[175];

    /** §5 CertificateVerify: the signature field (after type, length, scheme 0804 and its length). */
    private static byte[] traceSignature() {
        return Arrays.copyOfRange(S5_CERTIFICATE_VERIFY, 8, S5_CERTIFICATE_VERIFY.length);
    }

    /** §5 ClientHello extension order, first and second hello (the second has the cookie). */
    private static void clientHelloLikeTrace(ExtensionCustomizer.Message message, List<Extension> ext) {
        assertEquals(ExtensionCustomizer.Message.CLIENT_HELLO, message);
        boolean second = ext.stream().anyMatch(e -> e.type() == ExtensionType.COOKIE);
        Map<Integer, byte[]> nss = second
                ? Map.of(ExtensionType.RENEGOTIATION_INFO, RENEGOTIATION_INFO_EMPTY,
                        ExtensionType.RECORD_SIZE_LIMIT, RECORD_SIZE_LIMIT, ExtensionType.PADDING, PADDING_175)
                : Map.of(ExtensionType.RENEGOTIATION_INFO, RENEGOTIATION_INFO_EMPTY,
                        ExtensionType.RECORD_SIZE_LIMIT, RECORD_SIZE_LIMIT);
        List<Integer> order = new ArrayList<>(List.of(ExtensionType.SERVER_NAME, ExtensionType.RENEGOTIATION_INFO,
                ExtensionType.SUPPORTED_GROUPS, ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS,
                ExtensionType.SIGNATURE_ALGORITHMS, ExtensionType.PSK_KEY_EXCHANGE_MODES,
                ExtensionType.RECORD_SIZE_LIMIT));
        if (second) {
            order.add(order.indexOf(ExtensionType.PSK_KEY_EXCHANGE_MODES), ExtensionType.COOKIE);
            order.add(ExtensionType.PADDING);
        }
        arrange(ext, nss, Set.of(ExtensionType.SIGNATURE_ALGORITHMS_CERT),
                order.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void clientRoleIsByteExact() throws Exception {
        // §5 {client}: random, x25519 key (first ClientHello), P-256 key (after the HelloRetryRequest).
        ScriptedRandom random = new ScriptedRandom(hex(S5_CLIENT_RANDOM), hex(S5_CLIENT_X25519_PRIVATE),
                hex(S5_CLIENT_P256_PRIVATE));
        Config config = Rfc8448Section3Test.clientConfig(random)
                .groups(CLIENT_GROUPS)
                .extensionCustomizer(Rfc8448Section5Test::clientHelloLikeTrace)
                .build();
        ClientConnection client = new ClientConnection(config);
        client.start();
        assertArrayEquals(S5_RECORD_CLIENT_HELLO_1, drain(client));

        // §5 {server} HelloRetryRequest → our second ClientHello (P-256 share, cookie echoed, 0x0303 record).
        feed(client, S5_RECORD_HELLO_RETRY_REQUEST);
        assertArrayEquals(S5_RECORD_CLIENT_HELLO_2, drain(client));
        assertEquals(0, random.remaining());

        // §5 {server} ServerHello, encrypted flight (signed over the message_hash transcript) → our Finished.
        feed(client, S5_RECORD_SERVER_HELLO);
        feed(client, S5_RECORD_SERVER_FLIGHT);
        assertArrayEquals(S5_RECORD_CLIENT_FINISHED, drain(client));
        assertTrue(client.isHandshakeComplete());
        assertEquals(NamedGroup.SECP256R1, client.session().group());

        // §5 close_notify both ways (client application key, seq 0).
        client.closeOutbound();
        assertArrayEquals(S5_RECORD_CLIENT_ALERT, drain(client));
        feed(client, S5_RECORD_SERVER_ALERT);
        assertInstanceOf(ConnectionEvent.HandshakeComplete.class, client.pollEvent());
        assertInstanceOf(ConnectionEvent.PeerClosed.class, client.pollEvent());
    }

    @Test
    void serverRoleIsByteExact() throws Exception {
        // §5 {server}: our 32-byte cookie draw (replaced by the trace's cookie below), the P-256 key,
        // then the ServerHello random.
        ScriptedRandom random = new ScriptedRandom(hex(new byte[32]), hex(S5_SERVER_P256_PRIVATE),
                hex(S5_SERVER_RANDOM));
        List<byte[]> signed = new ArrayList<>();
        CertifiedKey key = certifiedKey(traceSignature(), signed);
        Config config = Config.builder()
                .backend(DefaultCryptoBackend.create(random))
                .clock(CLOCK)
                // §5: the server wants P-256 although the client shared x25519 only; a server that
                // accepts x25519 would not retry, so ours accepts the NIST curves only.
                .groups(List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1))
                .certificateSelector((role, names, schemes, schemesCert) -> key)
                // §5 has no NewSessionTicket: the server's close_notify is its application record seq 0.
                .maxTicketsSent(0)
                .extensionCustomizer((message, ext) -> {
                    switch (message) {
                        // §5 HelloRetryRequest: key_share, cookie (the trace's), supported_versions.
                        case HELLO_RETRY_REQUEST -> arrange(ext,
                                Map.of(ExtensionType.COOKIE, new Cookie(S5_COOKIE).toExtension().data()), Set.of(),
                                ExtensionType.KEY_SHARE, ExtensionType.COOKIE, ExtensionType.SUPPORTED_VERSIONS);
                        case SERVER_HELLO -> arrange(ext, Map.of(), Set.of(),
                                ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_VERSIONS);
                        // §5 EncryptedExtensions: NSS's supported_groups (P-256, P-384, x25519) and
                        // record_size_limit before our server_name acknowledgement.
                        case ENCRYPTED_EXTENSIONS -> arrange(ext,
                                Map.of(ExtensionType.SUPPORTED_GROUPS, SERVER_GROUPS,
                                        ExtensionType.RECORD_SIZE_LIMIT, RECORD_SIZE_LIMIT),
                                Set.of(), ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT,
                                ExtensionType.SERVER_NAME);
                        default -> throw new AssertionError("unexpected " + message);
                    }
                })
                .build();
        ServerConnection server = new ServerConnection(config);

        // §5 first ClientHello (x25519 share only) → our HelloRetryRequest for secp256r1.
        feed(server, S5_RECORD_CLIENT_HELLO_1);
        assertArrayEquals(S5_RECORD_HELLO_RETRY_REQUEST, drain(server));
        // §5 second ClientHello → ServerHello and encrypted flight over the message_hash transcript.
        feed(server, S5_RECORD_CLIENT_HELLO_2);
        assertArrayEquals(concat(S5_RECORD_SERVER_HELLO, S5_RECORD_SERVER_FLIGHT), drain(server));
        assertEquals(0, random.remaining());
        assertEquals(1, signed.size());
        assertArrayEquals(serverSignedContent(S5_HASH_TO_CERTIFICATE), signed.get(0));

        // §5 client Finished → complete; no ticket; close_notify both ways.
        feed(server, S5_RECORD_CLIENT_FINISHED);
        assertTrue(server.isHandshakeComplete());
        assertEquals(NamedGroup.SECP256R1, server.session().group());
        assertEquals(0, drain(server).length);
        feed(server, S5_RECORD_CLIENT_ALERT);
        assertTrue(server.isInboundClosed());
        server.closeOutbound();
        assertArrayEquals(S5_RECORD_SERVER_ALERT, drain(server));
    }
}
