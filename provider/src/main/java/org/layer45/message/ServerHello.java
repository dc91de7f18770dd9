package org.layer45.message;

import java.util.Arrays;
import java.util.HexFormat;

import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.extension.Extensions;

/**
 * ServerHello and HelloRetryRequest (RFC 8446 §4.1.3; also the TLS 1.2 form, RFC 5246 §7.4.1.3):
 * <pre>
 * ProtocolVersion legacy_version; Random random; opaque legacy_session_id_echo&lt;0..32&gt;;
 * CipherSuite cipher_suite; uint8 legacy_compression_method; Extension extensions&lt;6..2^16-1&gt;;
 * </pre>
 * A HelloRetryRequest is a ServerHello whose random is {@link #HELLO_RETRY_REQUEST_RANDOM}. An absent
 * extensions block (a TLS 1.2 server) reads as {@link Extensions#EMPTY} (RFC 5246 §7.4.1.3).
 *
 * @param legacyVersion legacy_version (0x0303 for TLS 1.3)
 * @param random 32 bytes; the HRR constant for a HelloRetryRequest
 * @param legacySessionIdEcho the client's legacy_session_id, echoed
 * @param cipherSuite the selected suite
 * @param legacyCompressionMethod 0 in TLS 1.3
 * @param extensions the extensions, in wire order
 */
public record ServerHello(ProtocolVersion legacyVersion, byte[] random, byte[] legacySessionIdEcho,
        CipherSuite cipherSuite, int legacyCompressionMethod, Extensions extensions) implements HandshakeMessage {

    /** RFC 8446 §4.1.3: the random of a HelloRetryRequest, SHA-256("HelloRetryRequest"). Do not modify. */
    public static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    /** RFC 8446 §4.1.3: last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.2. Do not modify. */
    public static final byte[] DOWNGRADE_TLS12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};
    /** RFC 8446 §4.1.3: last 8 bytes of the server random when it negotiates TLS 1.1 or below. Do not modify. */
    public static final byte[] DOWNGRADE_TLS11 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00};

    /** Reads the body; consumes all of it. */
    public static ServerHello read(TlsReader body) throws TlsFailure {
        ProtocolVersion version = ProtocolVersion.of(body.u16("legacy_version"));
        byte[] random = body.bytes(ClientHello.RANDOM_LENGTH, "random");
        byte[] sessionId = body.opaque8("legacy_session_id_echo");
        if (sessionId.length > ClientHello.MAX_SESSION_ID_LENGTH) {
            throw TlsFailure.decodeError("legacy_session_id_echo of " + sessionId.length + " bytes");
        }
        CipherSuite suite = CipherSuite.of(body.u16("cipher_suite"));
        int compression = body.u8("legacy_compression_method");
        Extensions extensions = body.hasRemaining() ? Extensions.read(body) : Extensions.EMPTY;
        body.expectEnd("server_hello");
        return new ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    /** Whether this is a HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4). */
    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(legacyVersion.code()).bytes(random).opaque8(legacySessionIdEcho);
        w.u16(cipherSuite.code()).u8(legacyCompressionMethod);
        extensions.write(w);
    }

    @Override
    public String toString() {
        return (isHelloRetryRequest() ? "HelloRetryRequest[" : "ServerHello[") + legacyVersion + ", "
                + cipherSuite + ", extensions=" + extensions + "]";
    }
}
