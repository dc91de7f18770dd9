package org.layer45.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;

/**
 * What a handshake negotiated, read from the server's cleartext handshake bytes rather than asked
 * of the provider (SunJSSE and BCJSSE have no API for the group): version and suite from the
 * ServerHello, the group from its key_share (TLS 1.3) or the ServerKeyExchange (TLS 1.2), and
 * whether it resumed — a TLS 1.3 ServerHello with pre_shared_key (RFC 8446 §4.2.11), or a TLS 1.2
 * server flight without a Certificate message (RFC 5246 §7.3, abbreviated handshake).
 */
record ServerFlight(String version, String suite, String group, boolean helloRetry, boolean resumed) {
    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int SERVER_HELLO = 2;
    private static final int CERTIFICATE = 11;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static final int EXT_PRE_SHARED_KEY = 41;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;
    /** RFC 8446 §4.1.3: the ServerHello.random of a HelloRetryRequest, SHA-256("HelloRetryRequest"). */
    private static final byte[] HRR_RANDOM = hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /** Parses the server's handshake bytes (records as sent on the wire). */
    static ServerFlight parse(byte[] wire) {
        ByteBuffer messages = cleartextHandshake(wire);
        String version = "TLSv1.2";
        String suite = "?";
        String group = "none";
        boolean hrr = false;
        boolean psk = false;
        boolean certificate = false;
        while (messages.remaining() >= 4) {
            int type = messages.get() & 0xFF;
            int length = u24(messages);
            if (length > messages.remaining()) {
                break;
            }
            ByteBuffer body = messages.slice();
            body.limit(length);
            messages.position(messages.position() + length);
            if (type == SERVER_HELLO) {
                body.getShort(); // legacy_version
                byte[] random = new byte[32];
                body.get(random);
                boolean thisIsHrr = Arrays.equals(random, HRR_RANDOM);
                hrr |= thisIsHrr;
                int sessionIdLength = body.get() & 0xFF;
                body.position(body.position() + sessionIdLength); // legacy_session_id_echo
                suite = CipherSuite.of(body.getShort() & 0xFFFF).name();
                body.get(); // legacy_compression_method
                if (body.remaining() >= 2) {
                    int end = (body.getShort() & 0xFFFF) + body.position();
                    while (body.position() + 4 <= end) {
                        int ext = body.getShort() & 0xFFFF;
                        int extLength = body.getShort() & 0xFFFF;
                        int next = body.position() + extLength;
                        if (ext == EXT_SUPPORTED_VERSIONS && (body.getShort() & 0xFFFF) == 0x0304) {
                            version = "TLSv1.3";
                        } else if (ext == EXT_KEY_SHARE && !thisIsHrr) {
                            group = NamedGroup.of(body.getShort() & 0xFFFF).toString();
                        } else if (ext == EXT_PRE_SHARED_KEY) {
                            psk = true;
                        }
                        body.position(next);
                    }
                }
            } else if (type == CERTIFICATE) {
                certificate = true;
            } else if (type == SERVER_KEY_EXCHANGE && body.get() == 3) { // ECCurveType named_curve
                group = NamedGroup.of(body.getShort() & 0xFFFF).toString();
            }
        }
        boolean resumed = version.equals("TLSv1.3") ? psk : !certificate;
        return new ServerFlight(version, suite, group, hrr, resumed);
    }

    /**
     * The concatenated bodies of the cleartext handshake records. TLS 1.2 encrypts after its
     * ChangeCipherSpec (still as handshake records), so reading stops there unless the ServerHello
     * said TLS 1.3, whose compatibility CCS (RFC 8446 D.4) precedes only application_data records.
     */
    private static ByteBuffer cleartextHandshake(byte[] wire) {
        ByteBuffer in = ByteBuffer.wrap(wire);
        ByteBuffer out = ByteBuffer.allocate(wire.length);
        while (in.remaining() >= 5) {
            int type = in.get() & 0xFF;
            in.getShort();
            int length = in.getShort() & 0xFFFF;
            if (length > in.remaining()) {
                break;
            }
            if (type == CHANGE_CIPHER_SPEC && !saysTls13(out)) {
                break;
            }
            if (type == HANDSHAKE) {
                out.put(wire, in.position(), length);
            }
            in.position(in.position() + length);
        }
        return out.flip();
    }

    /** Whether the ServerHello gathered so far carries supported_versions = TLS 1.3. */
    private static boolean saysTls13(ByteBuffer gathered) {
        byte[] marker = {0x00, (byte) EXT_SUPPORTED_VERSIONS, 0x00, 0x02, 0x03, 0x04};
        byte[] bytes = Arrays.copyOf(gathered.array(), gathered.position());
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    private static int u24(ByteBuffer b) {
        return (b.get() & 0xFF) << 16 | (b.get() & 0xFF) << 8 | (b.get() & 0xFF);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** One line for the results: e.g. "TLSv1.3 TLS_AES_128_GCM_SHA256 x25519 full". */
    String describe() {
        return version + " " + suite + " " + group + (helloRetry ? " after HRR" : "") + (resumed ? " resumed" : " full");
    }
}
