package org.layer45.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.connection.ClientConnection;
import org.layer45.connection.Config;
import org.layer45.connection.ServerConnection;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.message.extension.Extension;

/** The rules {@link ExtensionCustomizer#apply} enforces on a customizer, and the default. */
class ExtensionCustomizerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Extension PADDING = new Extension(ExtensionType.PADDING, new byte[3]);

    private static Config with(ExtensionCustomizer c) {
        return Config.builder().clock(CLOCK).serverName("example.com").extensionCustomizer(c).build();
    }

    /** A client config holding one valid ticket, so its ClientHello ends with pre_shared_key. */
    private static Config withTicket(ExtensionCustomizer c) {
        Config config = with(c);
        config.ticketStore().put("example.com", new StoredTicket(new byte[16], new byte[32],
                CipherSuite.TLS_AES_128_GCM_SHA256, 7, 3600, CLOCK.millis(), "example.com", null, List.of()));
        return config;
    }

    private static IllegalStateException startFails(Config config) {
        return assertThrows(IllegalStateException.class, () -> new ClientConnection(config).start());
    }

    @Test
    void defaultChangesNothing() {
        List<Extension> in = List.of(PADDING, new Extension(ExtensionType.SERVER_NAME, new byte[0]));
        List<Extension> out = ExtensionCustomizer.apply(Config.builder().build(),
                ExtensionCustomizer.Message.ENCRYPTED_EXTENSIONS, in);
        assertEquals(in, out);
    }

    @Test
    void addsBeforeOurPreSharedKeyWhichStaysLast() throws Exception {
        List<List<Integer>> seen = new ArrayList<>();
        ClientConnection client = new ClientConnection(withTicket((m, ext) -> {
            ext.add(ext.size() - 1, PADDING);
            seen.add(ext.stream().map(Extension::type).toList());
        }));
        client.start();
        assertNull(client.failure());
        List<Integer> types = seen.get(0);
        assertEquals(ExtensionType.PRE_SHARED_KEY, types.get(types.size() - 1));
        assertEquals(ExtensionType.PADDING, types.get(types.size() - 2));
        assertTrue(client.hasPendingOutput());
        client.drainPendingOutput(ByteBuffer.allocate(1 << 16));
    }

    @Test
    void movingPreSharedKeyFails() {
        IllegalStateException e = startFails(withTicket((m, ext) -> Collections.rotate(ext, 1)));
        assertTrue(e.getMessage().contains("pre_shared_key"), e.getMessage());
    }

    @Test
    void replacingPreSharedKeyFails() {
        startFails(withTicket((m, ext) -> {
            Extension psk = ext.remove(ext.size() - 1);
            ext.add(new Extension(psk.type(), psk.data().clone()));
        }));
    }

    @Test
    void removingPreSharedKeyFails() {
        startFails(withTicket((m, ext) -> ext.remove(ext.size() - 1)));
    }

    @Test
    void addingPreSharedKeyWithoutTicketFails() {
        startFails(with((m, ext) -> ext.add(new Extension(ExtensionType.PRE_SHARED_KEY, new byte[0]))));
    }

    @Test
    void repeatingATypeFails() {
        startFails(with((m, ext) -> ext.add(0, ext.get(0))));
    }

    @Test
    void removingTheHelloRetryRequestCookieFails() throws Exception {
        ClientConnection client = new ClientConnection(Config.builder()
                .keyShareGroups(List.of(NamedGroup.X25519)).build());
        client.start();
        ByteBuffer hello = ByteBuffer.allocate(1 << 16);
        client.drainPendingOutput(hello);
        hello.flip();
        // The server accepts P-256 only, so it must retry; its customizer drops the cookie.
        ServerConnection server = new ServerConnection(Config.builder()
                .groups(List.of(NamedGroup.SECP256R1))
                .extensionCustomizer((m, ext) -> ext.removeIf(e -> e.type() == ExtensionType.COOKIE))
                .build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> server.processRecord(hello, ByteBuffer.allocate(1 << 16)));
        assertTrue(e.getMessage().contains("cookie"), e.getMessage());
    }

    @Test
    void customizesAllFourMessagesOfARealHandshake() throws Exception {
        // A retried handshake between our own client and server (the RFC 8448 certificate and §2 key):
        // every message kind passes through the customizer, which adds padding to each ClientHello.
        List<String> seen = new ArrayList<>();
        ExtensionCustomizer record = (m, ext) -> {
            seen.add(m.name());
            if (m == ExtensionCustomizer.Message.CLIENT_HELLO) {
                ext.add(PADDING);
            }
        };
        ClientConnection client = new ClientConnection(Config.builder().clock(CLOCK).serverName("server")
                .keyShareGroups(List.of(NamedGroup.X25519)).peerVerifier(Rfc8448Trace.trustTraceCertificate())
                .extensionCustomizer(record).build());
        CertifiedKey key = CertifiedKey.of(List.of(Rfc8448Trace.certificate()), Rfc8448Trace.rsaKey());
        ServerConnection server = new ServerConnection(Config.builder().clock(CLOCK)
                .groups(List.of(NamedGroup.SECP256R1))
                .certificateSelector((role, names, schemes, schemesCert) -> key)
                .extensionCustomizer(record).build());
        client.start();
        for (int i = 0; i < 10 && (client.hasPendingOutput() || server.hasPendingOutput()); i++) {
            Rfc8448Trace.feed(server, Rfc8448Trace.drain(client));
            Rfc8448Trace.feed(client, Rfc8448Trace.drain(server));
        }
        assertTrue(client.isHandshakeComplete());
        assertTrue(server.isHandshakeComplete());
        assertEquals(NamedGroup.SECP256R1, client.session().group());
        assertEquals(List.of("CLIENT_HELLO", "HELLO_RETRY_REQUEST", "CLIENT_HELLO", "SERVER_HELLO",
                "ENCRYPTED_EXTENSIONS"), seen);
    }
}
