package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;
import org.layer45.message.extension.KeyShareClientHello;
import org.layer45.message.extension.KeyShareServerHello;
import org.layer45.message.extension.PreSharedKeyClientHello;
import org.layer45.message.extension.PskIdentity;
import org.layer45.message.extension.PskKeyExchangeModes;
import org.layer45.message.extension.ServerNameList;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;
import org.layer45.message.extension.SupportedVersionsClient;
import org.layer45.message.extension.SupportedVersionsServer;

/** Specific RFC 8446 rules, and real data from RFC 8448 §3. */
class Rfc8446ChecksTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8448 §3 "Simple 1-RTT Handshake", client_hello handshake message. */
    static final byte[] RFC8448_CLIENT_HELLO = hex("""
            01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83
            02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01
            00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 33 00
            26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69
            1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01
            05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01""");

    /** RFC 8448 §3, server_hello handshake message. */
    static final byte[] RFC8448_SERVER_HELLO = hex("""
            02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1 55 77 2e
            d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1
            56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04""");

    static byte[] hex(String s) {
        return HEX.parseHex(s.replaceAll("\\s+", ""));
    }

    private static RawHandshake defragment(byte[] encoded) throws TlsFailure {
        HandshakeDefragmenter d = new HandshakeDefragmenter();
        d.add(encoded, 0, encoded.length);
        return d.next();
    }

    @Test
    void helloRetryRequestRandomIsSha256OfHelloRetryRequest() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256")
                .digest("HelloRetryRequest".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(expected, ServerHello.HELLO_RETRY_REQUEST_RANDOM);
        assertArrayEquals("DOWNGRD\u0001".getBytes(StandardCharsets.US_ASCII), ServerHello.DOWNGRADE_TLS12);
        assertArrayEquals("DOWNGRD\u0000".getBytes(StandardCharsets.US_ASCII), ServerHello.DOWNGRADE_TLS11);
    }

    @Test
    void rfc8448ClientHelloDecodesAndReencodesByteIdentically() throws TlsFailure {
        RawHandshake raw = defragment(RFC8448_CLIENT_HELLO);
        ClientHello ch = (ClientHello) HandshakeMessages.decode13(raw);
        assertArrayEquals(RFC8448_CLIENT_HELLO, ch.encode());
        assertEquals(ProtocolVersion.TLS12, ch.legacyVersion());
        assertEquals(0, ch.legacySessionId().length);
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384), ch.cipherSuites());
        Extensions ext = ch.extensions();
        assertEquals(List.of(0, 0xFF01, 10, 35, 51, 43, 13, 45, 28), ext.types());
        assertEquals(List.of("server"), ServerNameList.decode(ext.find(ExtensionType.SERVER_NAME).data()).hostNames());
        assertEquals(List.of(ProtocolVersion.TLS13),
                SupportedVersionsClient.decode(ext.find(ExtensionType.SUPPORTED_VERSIONS).data()).versions());
        assertEquals(NamedGroup.X25519, SupportedGroups.decode(ext.find(ExtensionType.SUPPORTED_GROUPS).data())
                .groups().get(0));
        KeyShareClientHello ks = KeyShareClientHello.decode(ext.find(ExtensionType.KEY_SHARE).data());
        assertEquals(1, ks.shares().size());
        assertArrayEquals(hex("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c"),
                ks.find(NamedGroup.X25519.code()).keyExchange());
        assertEquals(15, SignatureAlgorithms.decode(ext.find(ExtensionType.SIGNATURE_ALGORITHMS).data())
                .schemes().size());
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE),
                PskKeyExchangeModes.decode(ext.find(ExtensionType.PSK_KEY_EXCHANGE_MODES).data()).modes());
    }

    @Test
    void rfc8448ServerHelloDecodesAndReencodesByteIdentically() throws TlsFailure {
        ServerHello sh = (ServerHello) HandshakeMessages.decode13(defragment(RFC8448_SERVER_HELLO));
        assertArrayEquals(RFC8448_SERVER_HELLO, sh.encode());
        assertFalse(sh.isHelloRetryRequest());
        assertEquals(CipherSuite.TLS_AES_128_GCM_SHA256, sh.cipherSuite());
        assertEquals(ProtocolVersion.TLS13,
                SupportedVersionsServer.decode(sh.extensions().find(ExtensionType.SUPPORTED_VERSIONS).data()).selected());
        assertEquals(NamedGroup.X25519,
                KeyShareServerHello.decode(sh.extensions().find(ExtensionType.KEY_SHARE).data()).share().group());
    }

    @Test
    void bindersLengthIsTheTrailingBindersVector() throws TlsFailure {
        PreSharedKeyClientHello psk = new PreSharedKeyClientHello(
                List.of(new PskIdentity(new byte[] {1, 2, 3}, 77), new PskIdentity(new byte[40], 0)),
                List.of(new byte[32], new byte[48]));
        assertEquals(2 + 1 + 32 + 1 + 48, psk.bindersLength());
        Extension ext = psk.toExtension();
        ClientHello ch = new ClientHello(ProtocolVersion.TLS12, new byte[32], new byte[0],
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256), new byte[] {0},
                Extensions.of(new SupportedVersionsClient(List.of(ProtocolVersion.TLS13)).toExtension(), ext));
        byte[] encoded = ch.encode();
        // RFC 8446 §4.2.11.2: the binders are the last bindersLength() bytes of the ClientHello.
        byte[] tail = Arrays.copyOfRange(encoded, encoded.length - psk.bindersLength(), encoded.length);
        assertArrayEquals(hex("0052 20" + "00".repeat(32) + "30" + "00".repeat(48)), tail);
        ClientHello decoded = (ClientHello) HandshakeMessages.decode13(1, Samples.body(ch));
        assertEquals(ExtensionType.PRE_SHARED_KEY, decoded.extensions().lastType());
        assertEquals(psk.bindersLength(),
                PreSharedKeyClientHello.decode(decoded.extensions().find(ExtensionType.PRE_SHARED_KEY).data())
                        .bindersLength());
    }

    @Test
    void pskBinderCountMismatchAndShortBinder() {
        byte[] oneIdTwoBinders = hex("0007 0001 01 00000000" + "0042 20" + "00".repeat(32) + "20" + "00".repeat(32));
        TlsFailure f = assertThrows(TlsFailure.class, () -> PreSharedKeyClientHello.decode(oneIdTwoBinders));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
        byte[] shortBinder = hex("0007 0001 01 00000000" + "0020 1f" + "00".repeat(31));
        assertEquals(AlertDescription.DECODE_ERROR,
                assertThrows(TlsFailure.class, () -> PreSharedKeyClientHello.decode(shortBinder)).alert());
    }

    @Test
    void duplicateExtensionIsIllegalParameter() {
        byte[] body = hex("0008 000a 0000 000a 0000");
        TlsFailure f = assertThrows(TlsFailure.class, () -> HandshakeMessages.decode13(8, body));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
        assertEquals(Reason.DUPLICATE_EXTENSION, f.reason());
        // Also inside a ClientHello: duplicate supported_versions.
        ClientHello ch = new ClientHello(ProtocolVersion.TLS12, new byte[32], new byte[0],
                List.of(CipherSuite.TLS_AES_128_GCM_SHA256), new byte[] {0},
                Extensions.of(new Extension(43, new byte[] {2, 3, 4}), new Extension(43, new byte[] {2, 3, 4})));
        TlsFailure g = assertThrows(TlsFailure.class, () -> HandshakeMessages.decode13(1, Samples.body(ch)));
        assertEquals(Reason.DUPLICATE_EXTENSION, g.reason());
    }

    @Test
    void keyUpdateWithAnotherValueIsIllegalParameter() {
        TlsFailure f = assertThrows(TlsFailure.class, () -> HandshakeMessages.decode13(24, new byte[] {2}));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
        assertEquals(AlertDescription.DECODE_ERROR,
                assertThrows(TlsFailure.class, () -> HandshakeMessages.decode13(24, new byte[] {1, 0})).alert());
    }

    @Test
    void duplicateKeyShareGroupIsIllegalParameter() {
        byte[] data = hex("000a 001d 0001 aa 001d 0001 bb");
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                assertThrows(TlsFailure.class, () -> KeyShareClientHello.decode(data)).alert());
    }

    @Test
    void emptyListsWhereTheRfcSetsAMinimumAreDecodeErrors() {
        byte[][] cases = {hex("0000"), hex("00")};
        for (byte[] c : cases) {
            assertDecodeError(() -> SupportedGroups.decode(c));
            assertDecodeError(() -> SignatureAlgorithms.decode(c));
            assertDecodeError(() -> Alpn.decode(c));
            assertDecodeError(() -> ServerNameList.decode(c));
            assertDecodeError(() -> SupportedVersionsClient.decode(c));
            assertDecodeError(() -> PskKeyExchangeModes.decode(c));
        }
        assertDecodeError(() -> Alpn.decode(hex("0003 02 6832 00")));
        assertDecodeError(() -> SupportedGroups.decode(hex("0003 001d 00")));
        assertDecodeError(() -> ServerNameList.decode(hex("0005 01 0002 6869")));
        assertDecodeError(() -> HandshakeMessages.decode13(13, hex("00 0000"))); // CertificateRequest without extensions
        assertDecodeError(() -> HandshakeMessages.decode13(11, hex("00 000005 000000 0000"))); // empty cert_data
        assertDecodeError(() -> HandshakeMessages.decode13(4, hex("00000001 00000002 00 0000 0000"))); // empty ticket
    }

    @Test
    void clientHelloFieldRanges() {
        String random = "00".repeat(32);
        assertDecodeError(() -> HandshakeMessages.decode13(1, hex("0303" + random + "21" + "00".repeat(33)
                + "0002 1301 01 00 0000"))); // 33-byte session id
        assertDecodeError(() -> HandshakeMessages.decode13(1, hex("0303" + random + "00 0000 01 00 0000")));
        assertDecodeError(() -> HandshakeMessages.decode13(1, hex("0303" + random + "00 0003 130100 01 00 0000")));
        assertDecodeError(() -> HandshakeMessages.decode13(1, hex("0303" + random + "00 0002 1301 00 0000")));
    }

    @Test
    void alerts() throws TlsFailure {
        Alert a = Alert.decode(new byte[] {2, 40});
        assertTrue(a.isFatal());
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.description());
        assertArrayEquals(new byte[] {1, 0}, Alert.closeNotify().encode());
        TlsWriter w = new TlsWriter();
        Alert.fatal(AlertDescription.DECODE_ERROR).write(w);
        assertArrayEquals(new byte[] {2, 50}, w.toByteArray());
        assertEquals(255, Alert.decode(new byte[] {2, (byte) 255}).description().code());
        assertEquals(AlertDescription.ILLEGAL_PARAMETER,
                assertThrows(TlsFailure.class, () -> Alert.decode(new byte[] {3, 0})).alert());
        assertDecodeError(() -> Alert.decode(new byte[] {2}));
        assertDecodeError(() -> Alert.decode(new byte[] {2, 0, 0}));
        assertDecodeError(() -> Alert.decode(new byte[0]));
    }

    @Test
    void extensionsLookup() throws TlsFailure {
        Extensions e = Extensions.read(new TlsReader(hex("000c 002b 0002 0304 0029 0002 0000")));
        assertTrue(e.has(ExtensionType.SUPPORTED_VERSIONS));
        assertNull(e.find(ExtensionType.KEY_SHARE));
        assertEquals(ExtensionType.PRE_SHARED_KEY, e.lastType());
        assertEquals(-1, Extensions.EMPTY.lastType());
        assertEquals(SignatureScheme.ED25519, SignatureAlgorithms.decode(hex("0002 0807")).schemes().get(0));
    }

    private static void assertDecodeError(org.junit.jupiter.api.function.Executable e) {
        TlsFailure f = assertThrows(TlsFailure.class, e);
        assertEquals(AlertDescription.DECODE_ERROR, f.alert(), f.toString());
    }
}
