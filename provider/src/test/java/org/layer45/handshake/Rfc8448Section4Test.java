package org.layer45.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layer45.handshake.Rfc8448Trace.*;
import static org.layer45.testcrypto.Hex.hex;
import static org.layer45.testcrypto.Rfc8448.*;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.ConnectionEvent;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.crypto.ScriptedRandom;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.HandshakeType;
import org.layer45.testcrypto.TestHkdf;

/**
 * RFC 8448 §4 (resumed handshake) in the client role, as far as it is feasible: we resume with the
 * ticket our client received in the §3 run, so the ClientHello, its PSK binder (our {@code PskBinders}
 * over the customized, truncated hello), the resumed key schedule and the application records are
 * checked byte for byte.
 *
 * <p>Not reproduced: 0-RTT. §4's client sends early data and EndOfEarlyData; we implement neither,
 * so the early_data extension here is only added by the customizer, and our client Finished (whose
 * transcript lacks EndOfEarlyData) differs from the trace's. The application traffic secrets hash
 * the transcript only up to the server Finished, so the application records still match. The server
 * role is not feasible: the §4 ClientHello offers NSS's ticket, which our server cannot open.
 */
class Rfc8448Section4Test {
    /** §4 ClientHello: padding (RFC 7685) of 87 zero bytes, NSS's pad to 512 bytes. */
    private static final byte[] PADDING_87 = new byte[87];

    @Test
    void binderFromOurPskBindersCode() {
        // §4 {client} PSK binder over the ClientHello truncated before the binders list.
        assertArrayEquals(S4_BINDER, PskBinders.resumptionBinder(TestHkdf.sha256(), S3_RESUMPTION_PSK,
                S4_HASH_PARTIAL_CH));
    }

    @Test
    void clientResumesByteExact() throws Exception {
        // §3 first: the ticket lands in the config's ticket store at CLOCK's instant.
        ScriptedRandom random3 = new ScriptedRandom(hex(S3_CLIENT_RANDOM), hex(S3_CLIENT_X25519_PRIVATE));
        Config config3 = Rfc8448Section3Test.clientConfig(random3).build();
        Rfc8448Section3Test.runClient(config3, random3);

        // §4 6 ms later (obfuscated_ticket_age fad6aacb = 6 + ticket_age_add fad6aac5).
        ScriptedRandom random = new ScriptedRandom(hex(S4_CLIENT_RANDOM), hex(S4_CLIENT_X25519_PRIVATE));
        Config config = config3.toBuilder()
                .backend(DefaultCryptoBackend.create(random))
                .clock(Clock.offset(CLOCK, Duration.ofMillis(6)))
                // §4 ClientHello: NSS's extensions around ours; pre_shared_key (ours) stays last.
                .extensionCustomizer((message, ext) -> arrange(ext,
                        Map.of(ExtensionType.RENEGOTIATION_INFO, RENEGOTIATION_INFO_EMPTY,
                                ExtensionType.EARLY_DATA, new byte[0],
                                ExtensionType.RECORD_SIZE_LIMIT, RECORD_SIZE_LIMIT,
                                ExtensionType.PADDING, PADDING_87),
                        Set.of(ExtensionType.SIGNATURE_ALGORITHMS_CERT),
                        ExtensionType.SERVER_NAME, ExtensionType.RENEGOTIATION_INFO, ExtensionType.SUPPORTED_GROUPS,
                        ExtensionType.KEY_SHARE, ExtensionType.EARLY_DATA, ExtensionType.SUPPORTED_VERSIONS,
                        ExtensionType.SIGNATURE_ALGORITHMS, ExtensionType.PSK_KEY_EXCHANGE_MODES,
                        ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.PADDING, ExtensionType.PRE_SHARED_KEY))
                .build();
        ClientConnection client = new ClientConnection(config);
        client.start();
        // §4 {client} ClientHello record, byte for byte: ticket, obfuscated age and binder included.
        byte[] hello = drain(client);
        assertArrayEquals(S4_RECORD_CLIENT_HELLO, hello);
        assertArrayEquals(S4_BINDER, Arrays.copyOfRange(hello, hello.length - 32, hello.length));
        assertEquals(0, random.remaining());

        // §4 {server} ServerHello (psk selected) and flight (EE, Finished): our client accepts the
        // server Finished, which proves the PSK-based handshake secret and traffic keys.
        feed(client, S4_RECORD_SERVER_HELLO, S4_RECORD_SERVER_FLIGHT);
        assertTrue(client.isHandshakeComplete());
        assertTrue(client.session().resumed());
        assertEquals(List.of(HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
                HandshakeType.ENCRYPTED_EXTENSIONS, HandshakeType.FINISHED, HandshakeType.FINISHED),
                client.session().handshakeMessages());
        assertInstanceOf(ConnectionEvent.HandshakeComplete.class, client.pollEvent());
        drain(client); // our Finished: no EndOfEarlyData before it, so not §4's (see class comment)

        // §4 application data and close_notify: application keys from the resumed master secret.
        assertArrayEquals(S4_RECORD_CLIENT_DATA, seal(client, S3_APP_DATA));
        assertArrayEquals(S3_APP_DATA, feed(client, S4_RECORD_SERVER_DATA));
        client.closeOutbound();
        assertArrayEquals(S4_RECORD_CLIENT_ALERT, drain(client));
        feed(client, S4_RECORD_SERVER_ALERT);
        assertInstanceOf(ConnectionEvent.PeerClosed.class, client.pollEvent());
    }
}
