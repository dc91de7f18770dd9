package org.layer45.message;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.extension.Extensions;

/**
 * ClientHello (RFC 8446 §4.1.2; also the TLS 1.2 form, RFC 5246 §7.4.1.2):
 * <pre>
 * ProtocolVersion legacy_version; Random random; opaque legacy_session_id&lt;0..32&gt;;
 * CipherSuite cipher_suites&lt;2..2^16-2&gt;; opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 * Extension extensions&lt;8..2^16-1&gt;;
 * </pre>
 * An absent extensions block (a pre-TLS 1.3 client) reads as {@link Extensions#EMPTY}: RFC 8446 §4.1.2
 * "TLS 1.3 servers might receive ClientHello messages without an extensions field from prior
 * versions of TLS".
 *
 * @param legacyVersion legacy_version (0x0303 for TLS 1.3)
 * @param random 32 random bytes
 * @param legacySessionId 0..32 bytes
 * @param cipherSuites the offered suites, unknown and GREASE ones kept
 * @param legacyCompressionMethods the compression methods (TLS 1.3: exactly {0})
 * @param extensions the extensions, in wire order
 */
public record ClientHello(ProtocolVersion legacyVersion, byte[] random, byte[] legacySessionId,
        List<CipherSuite> cipherSuites, byte[] legacyCompressionMethods, Extensions extensions)
        implements HandshakeMessage {

    /** Length of the Random field (RFC 8446 §4.1.2). */
    public static final int RANDOM_LENGTH = 32;
    /** Maximum legacy_session_id length. */
    public static final int MAX_SESSION_ID_LENGTH = 32;

    public ClientHello {
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** Reads the body; consumes all of it. */
    public static ClientHello read(TlsReader body) throws TlsFailure {
        ProtocolVersion version = ProtocolVersion.of(body.u16("legacy_version"));
        byte[] random = body.bytes(RANDOM_LENGTH, "random");
        byte[] sessionId = body.opaque8("legacy_session_id");
        if (sessionId.length > MAX_SESSION_ID_LENGTH) {
            throw TlsFailure.decodeError("legacy_session_id of " + sessionId.length + " bytes");
        }
        TlsReader suites = body.sub16("cipher_suites");
        if (!suites.hasRemaining() || suites.remaining() % 2 != 0) {
            throw TlsFailure.decodeError("bad cipher_suites length " + suites.remaining());
        }
        List<CipherSuite> cipherSuites = new ArrayList<>(suites.remaining() / 2);
        while (suites.hasRemaining()) {
            cipherSuites.add(CipherSuite.of(suites.u16("cipher suite")));
        }
        byte[] compression = body.opaque8("legacy_compression_methods");
        if (compression.length == 0) {
            throw TlsFailure.decodeError("empty legacy_compression_methods");
        }
        Extensions extensions = body.hasRemaining() ? Extensions.read(body) : Extensions.EMPTY;
        body.expectEnd("client_hello");
        return new ClientHello(version, random, sessionId, cipherSuites, compression, extensions);
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u16(legacyVersion.code()).bytes(random).opaque8(legacySessionId);
        w.lengthPrefixed16(s -> {
            for (CipherSuite suite : cipherSuites) {
                s.u16(suite.code());
            }
        });
        w.opaque8(legacyCompressionMethods);
        extensions.write(w);
    }

    @Override
    public String toString() {
        return "ClientHello[" + legacyVersion + ", suites=" + cipherSuites + ", extensions=" + extensions + "]";
    }
}
