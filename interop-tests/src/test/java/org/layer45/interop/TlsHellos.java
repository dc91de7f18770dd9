package org.layer45.interop;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cleartext hellos of a TLS handshake as an independent observer sees them on the wire
 * (RFC 8446 §4.1.2-4.1.4, RFC 5246 §7.4.1), decoded without any TLS library so that what a test
 * asserts about HelloRetryRequest, the negotiated group, PSK resumption or SNI does not depend on
 * either peer's own account.
 */
final class TlsHellos {
    /** RFC 8446 §4.1.3: a ServerHello whose random is SHA-256("HelloRetryRequest") is a HelloRetryRequest. */
    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_ALPN = 16;
    private static final int EXT_SESSION_TICKET = 35;
    private static final int EXT_PRE_SHARED_KEY = 41;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;

    private TlsHellos() {
    }

    /**
     * A ClientHello: the groups it sent key shares for, the groups and signature schemes it
     * supports, SNI, ALPN, its legacy session id, and whether it carried a PSK or a TLS 1.2 ticket.
     */
    record ClientHello(List<Integer> keyShareGroups, List<Integer> supportedGroups, List<Integer> signatureSchemes,
            String serverName, List<String> alpn, byte[] sessionId, boolean offersPsk, boolean offersTicket,
            boolean ticketExtension) {
    }

    /**
     * A ServerHello or HelloRetryRequest: the version it selected (supported_versions, else the
     * legacy version), the suite, the key-share group, whether it accepted a PSK, its session id and
     * (TLS 1.2) whether it promised a NewSessionTicket.
     */
    record ServerHello(boolean retryRequest, int version, int cipherSuite, int group, boolean acceptsPsk,
            byte[] sessionId, boolean ticketPromised) {
    }

    static ClientHello clientHello(ByteBuffer body) {
        body.getShort(); // legacy_version
        skip(body, 32); // random
        byte[] sessionId = opaque8(body);
        skip(body, body.getShort() & 0xffff); // cipher_suites
        skip(body, body.get() & 0xff); // legacy_compression_methods
        List<Integer> shares = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<Integer> schemes = new ArrayList<>();
        List<String> alpn = new ArrayList<>();
        String sni = null;
        boolean psk = false;
        boolean ticket = false;
        boolean ticketExt = false;
        ByteBuffer exts = body.hasRemaining() ? sub16(body) : ByteBuffer.allocate(0);
        while (exts.hasRemaining()) {
            int type = exts.getShort() & 0xffff;
            ByteBuffer ext = sub16(exts);
            switch (type) {
                case EXT_SERVER_NAME -> {
                    ByteBuffer list = sub16(ext);
                    if (list.hasRemaining() && list.get() == 0) {
                        sni = new String(opaque16(list), java.nio.charset.StandardCharsets.US_ASCII);
                    }
                }
                case EXT_SUPPORTED_GROUPS -> groups.addAll(u16List(sub16(ext)));
                case EXT_SIGNATURE_ALGORITHMS -> schemes.addAll(u16List(sub16(ext)));
                case EXT_ALPN -> {
                    ByteBuffer list = sub16(ext);
                    while (list.hasRemaining()) {
                        alpn.add(new String(opaque8(list), java.nio.charset.StandardCharsets.US_ASCII));
                    }
                }
                case EXT_KEY_SHARE -> {
                    ByteBuffer list = sub16(ext);
                    while (list.hasRemaining()) {
                        shares.add(list.getShort() & 0xffff);
                        opaque16(list);
                    }
                }
                case EXT_PRE_SHARED_KEY -> psk = true;
                case EXT_SESSION_TICKET -> {
                    ticketExt = true;
                    ticket = ext.hasRemaining();
                }
                default -> {
                    // other extensions are not needed by the tests
                }
            }
        }
        return new ClientHello(List.copyOf(shares), List.copyOf(groups), List.copyOf(schemes), sni,
                List.copyOf(alpn), sessionId, psk, ticket, ticketExt);
    }

    static ServerHello serverHello(ByteBuffer body) {
        int version = body.getShort() & 0xffff;
        byte[] random = new byte[32];
        body.get(random);
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        byte[] sessionId = opaque8(body);
        int suite = body.getShort() & 0xffff;
        body.get(); // legacy_compression_method
        int group = -1;
        boolean psk = false;
        boolean ticket = false;
        ByteBuffer exts = body.hasRemaining() ? sub16(body) : ByteBuffer.allocate(0);
        while (exts.hasRemaining()) {
            int type = exts.getShort() & 0xffff;
            ByteBuffer ext = sub16(exts);
            switch (type) {
                case EXT_SUPPORTED_VERSIONS -> version = ext.getShort() & 0xffff;
                case EXT_KEY_SHARE -> group = ext.getShort() & 0xffff; // HRR: selected_group; SH: its share's group
                case EXT_PRE_SHARED_KEY -> psk = true;
                case EXT_SESSION_TICKET -> ticket = true;
                default -> {
                    // other extensions are not needed by the tests
                }
            }
        }
        return new ServerHello(hrr, version, suite, group, psk, sessionId, ticket);
    }

    /** IANA TLS Supported Groups code points by JSSE name (RFC 8446 §4.2.7, draft-ietf-tls-ecdhe-mlkem). */
    static int groupCode(String jsseName) {
        return switch (jsseName) {
            case "secp256r1" -> 0x0017;
            case "secp384r1" -> 0x0018;
            case "x25519" -> 0x001d;
            case "X25519MLKEM768" -> 0x11ec;
            default -> throw new IllegalArgumentException(jsseName);
        };
    }

    /** The JSSE name of a group code point, or its hex value for groups the tests do not name. */
    static String groupName(int code) {
        return switch (code) {
            case 0x0017 -> "secp256r1";
            case 0x0018 -> "secp384r1";
            case 0x0019 -> "secp521r1";
            case 0x001d -> "x25519";
            case 0x001e -> "x448";
            case 0x11ec -> "X25519MLKEM768";
            default -> String.format("0x%04x", code);
        };
    }

    static List<String> groupNames(List<Integer> codes) {
        return codes.stream().map(TlsHellos::groupName).toList();
    }

    private static List<Integer> u16List(ByteBuffer b) {
        List<Integer> out = new ArrayList<>();
        while (b.remaining() >= 2) {
            out.add(b.getShort() & 0xffff);
        }
        return out;
    }

    /** Skips {@code n} bytes; the length must be read before the position (Java evaluates left to right). */
    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static ByteBuffer sub16(ByteBuffer b) {
        int n = b.getShort() & 0xffff;
        ByteBuffer s = b.slice();
        s.limit(n);
        b.position(b.position() + n);
        return s;
    }

    private static byte[] opaque8(ByteBuffer b) {
        byte[] v = new byte[b.get() & 0xff];
        b.get(v);
        return v;
    }

    private static byte[] opaque16(ByteBuffer b) {
        byte[] v = new byte[b.getShort() & 0xffff];
        b.get(v);
        return v;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
