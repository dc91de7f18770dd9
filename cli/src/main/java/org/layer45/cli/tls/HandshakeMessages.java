package org.layer45.cli.tls;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.IntFunction;

import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * Describes the cleartext handshake messages a {@link WireTap} sees, one line each, and records the
 * facts {@code probe} needs in {@link Observations}. Only what travels in the clear is parsed:
 * ClientHello, ServerHello / HelloRetryRequest, and the TLS 1.2 messages before ChangeCipherSpec.
 * Malformed input yields "(malformed)" rather than an exception: this is a diagnostic view.
 */
final class HandshakeMessages {
    /** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
    private static final byte[] HRR_RANDOM = java.util.HexFormat.of()
            .parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_ALPN = 16;
    private static final int EXT_EXTENDED_MASTER_SECRET = 23;
    private static final int EXT_SESSION_TICKET = 35;
    private static final int EXT_PRE_SHARED_KEY = 41;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;

    private final Observations observations;

    HandshakeMessages(Observations observations) {
        this.observations = observations;
    }

    /**
     * A description of a handshake message of {@code type} with {@code body} (RFC 8446 §4
     * numbering): one line, or for a ClientHello one line per offer.
     */
    String describe(int type, byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            return switch (type) {
                case 1 -> clientHello(in);
                case 2 -> serverHello(in);
                case 4 -> newSessionTicket12(in);
                case 11 -> "Certificate, " + certificateCount(in) + " certificate(s)";
                case 12 -> serverKeyExchange(in);
                case 13 -> "CertificateRequest (the server asks for a client certificate)";
                case 14 -> "ServerHelloDone";
                case 16 -> "ClientKeyExchange, ECDH public value " + (body.length - 1) + " bytes";
                default -> "handshake message type " + type + ", " + body.length + " bytes";
            };
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return "handshake message type " + type + " (malformed: " + e + ")";
        }
    }

    private String clientHello(ByteBuffer in) {
        observations.clientHellos++;
        in.getShort(); // legacy_version
        in.position(in.position() + 32); // random
        int sessionIdLength = u8(in);
        in.position(in.position() + sessionIdLength);
        List<Integer> suites = u16List(slice(in, u16(in)));
        skip(in, u8(in)); // compression methods
        StringBuilder out = new StringBuilder("ClientHello\n  ");
        StringJoiner parts = new StringJoiner("\n  "); // one offer per line: a ClientHello says a lot
        List<Integer> versions = List.of();
        observations.clientSessionIdLength = sessionIdLength;
        observations.clientOfferedPsk = false;
        observations.clientTicketLength = -1;
        String groups = null;
        String shares = null;
        String schemes = null;
        String alpn = null;
        String sni = null;
        String psk = null;
        if (in.hasRemaining()) {
            ByteBuffer exts = slice(in, u16(in));
            while (exts.hasRemaining()) {
                int ext = u16(exts);
                ByteBuffer data = slice(exts, u16(exts));
                switch (ext) {
                    case EXT_SUPPORTED_VERSIONS -> versions = u16List(slice(data, u8(data)));
                    case EXT_SUPPORTED_GROUPS -> groups = names(u16List(slice(data, u16(data))), HandshakeMessages::group);
                    case EXT_KEY_SHARE -> shares = keyShares(slice(data, u16(data)));
                    case EXT_SIGNATURE_ALGORITHMS -> schemes = names(u16List(slice(data, u16(data))),
                            HandshakeMessages::scheme);
                    case EXT_ALPN -> alpn = String.join(", ", strings8(slice(data, u16(data))));
                    case EXT_SERVER_NAME -> sni = serverName(slice(data, u16(data)));
                    case EXT_PRE_SHARED_KEY -> {
                        observations.clientOfferedPsk = true;
                        psk = "PSK offered (resumption)";
                    }
                    case EXT_SESSION_TICKET -> observations.clientTicketLength = data.remaining();
                    default -> {
                    }
                }
            }
        }
        parts.add("versions " + (versions.isEmpty() ? "TLSv1.2 (legacy_version)" : names(versions, HandshakeMessages::version)));
        parts.add(suites.size() + " cipher suites (" + names(suites, HandshakeMessages::suite) + ")");
        if (groups != null) {
            parts.add("groups " + groups);
        }
        if (shares != null) {
            parts.add("key shares " + shares);
        }
        if (schemes != null) {
            parts.add("signature schemes " + schemes);
        }
        parts.add("ALPN " + (alpn == null ? "none" : alpn));
        parts.add("SNI " + (sni == null ? "none" : sni));
        if (psk != null) {
            parts.add(psk);
        }
        if (observations.clientTicketLength > 0) {
            parts.add("TLS 1.2 session ticket (" + observations.clientTicketLength + " bytes)");
        } else if (sessionIdLength > 0 && versions.isEmpty()) {
            parts.add("TLS 1.2 session id (resumption)");
        }
        return out.append(parts).toString();
    }

    private String serverHello(ByteBuffer in) {
        int legacyVersion = u16(in);
        byte[] random = new byte[32];
        in.get(random);
        boolean hrr = Arrays.equals(random, HRR_RANDOM);
        int sessionIdLength = u8(in);
        skip(in, sessionIdLength);
        CipherSuite suite = CipherSuite.of(u16(in));
        in.get(); // legacy_compression_method
        int version = legacyVersion;
        NamedGroup group = null;
        boolean psk = false;
        boolean ticketAck = false;
        boolean ems = false;
        String alpn = null;
        if (in.hasRemaining()) {
            ByteBuffer exts = slice(in, u16(in));
            while (exts.hasRemaining()) {
                int ext = u16(exts);
                ByteBuffer data = slice(exts, u16(exts));
                switch (ext) {
                    case EXT_SUPPORTED_VERSIONS -> version = u16(data);
                    case EXT_KEY_SHARE -> group = NamedGroup.of(u16(data)); // HRR: selected_group only
                    case EXT_PRE_SHARED_KEY -> psk = true;
                    case EXT_SESSION_TICKET -> ticketAck = true;
                    case EXT_EXTENDED_MASTER_SECRET -> ems = true;
                    case EXT_ALPN -> alpn = String.join(", ", strings8(slice(data, u16(data))));
                    default -> {
                    }
                }
            }
        }
        if (hrr) {
            observations.helloRetryRequest = true;
            observations.helloRetryGroup = group;
            return "HelloRetryRequest: " + version(version) + ", " + suite.name() + ", asks for a key share for "
                    + (group == null ? "(no group: cookie only)" : group.name());
        }
        observations.serverVersion = version(version);
        observations.serverSuite = suite;
        observations.serverKeyShareGroup = group;
        observations.serverAcceptedPsk = psk;
        observations.serverSessionIdLength = sessionIdLength;
        observations.serverAckedTicketExtension = ticketAck;
        StringJoiner parts = new StringJoiner(", ", "ServerHello: ", "");
        parts.add(version(version)).add(suite.name());
        if (group != null) {
            parts.add("key share " + group.name());
        }
        if (psk) {
            parts.add("PSK accepted (resumed)");
        }
        if (version != 0x0304) {
            parts.add("session id " + sessionIdLength + " bytes");
            if (ticketAck) {
                parts.add("will send a session ticket");
            }
            if (ems) {
                parts.add("extended master secret");
            }
            if (alpn != null) {
                parts.add("ALPN " + alpn);
            }
        }
        return parts.toString();
    }

    private String newSessionTicket12(ByteBuffer in) {
        long lifetime = in.getInt() & 0xFFFFFFFFL;
        int length = u16(in);
        observations.tls12TicketIssued = true;
        observations.tls12TicketLifetimeSeconds = lifetime;
        return "NewSessionTicket (TLS 1.2): lifetime hint " + lifetime + " s, ticket " + length + " bytes";
    }

    private String serverKeyExchange(ByteBuffer in) {
        int curveType = u8(in);
        if (curveType != 3) {
            return "ServerKeyExchange, curve type " + curveType + " (not named_curve)";
        }
        NamedGroup group = NamedGroup.of(u16(in));
        skip(in, u8(in)); // public point
        SignatureScheme scheme = SignatureScheme.of(u16(in));
        observations.tls12ServerKeyExchangeGroup = group;
        observations.tls12ServerKeyExchangeScheme = scheme;
        return "ServerKeyExchange: ECDHE " + group.name() + ", signed with " + scheme.name();
    }

    private static int certificateCount(ByteBuffer in) {
        ByteBuffer list = slice(in, u24(in));
        int n = 0;
        while (list.hasRemaining()) {
            skip(list, u24(list));
            n++;
        }
        return n;
    }

    private static String keyShares(ByteBuffer in) {
        StringJoiner out = new StringJoiner(", ");
        while (in.hasRemaining()) {
            NamedGroup g = NamedGroup.of(u16(in));
            int length = u16(in);
            skip(in, length);
            out.add(g.name() + " (" + length + " B)");
        }
        return out.toString();
    }

    private static String serverName(ByteBuffer in) {
        while (in.hasRemaining()) {
            int type = u8(in);
            byte[] name = new byte[u16(in)];
            in.get(name);
            if (type == 0) {
                return new String(name, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static List<String> strings8(ByteBuffer in) {
        List<String> out = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] s = new byte[u8(in)];
            in.get(s);
            out.add(new String(s, StandardCharsets.US_ASCII));
        }
        return out;
    }

    static String version(int code) {
        return switch (code) {
            case 0x0304 -> "TLSv1.3";
            case 0x0303 -> "TLSv1.2";
            case 0x0302 -> "TLSv1.1";
            case 0x0301 -> "TLSv1";
            default -> (code & 0x0F0F) == 0x0A0A ? "GREASE" : String.format("0x%04x", code);
        };
    }

    private static String suite(int code) {
        return CipherSuite.of(code).name();
    }

    private static String group(int code) {
        return NamedGroup.of(code).name();
    }

    private static String scheme(int code) {
        return SignatureScheme.of(code).name();
    }

    private static String names(List<Integer> codes, IntFunction<String> name) {
        StringJoiner out = new StringJoiner(", ");
        for (int c : codes) {
            out.add(name.apply(c));
        }
        return out.toString();
    }

    private static List<Integer> u16List(ByteBuffer in) {
        List<Integer> out = new ArrayList<>();
        while (in.remaining() >= 2) {
            out.add(u16(in));
        }
        return out;
    }

    private static ByteBuffer slice(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer s = in.slice();
        s.limit(length);
        in.position(in.position() + length);
        return s;
    }

    private static void skip(ByteBuffer in, int length) {
        slice(in, length);
    }

    private static int u8(ByteBuffer in) {
        return in.get() & 0xFF;
    }

    private static int u16(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }

    private static int u24(ByteBuffer in) {
        return (u8(in) << 16) | u16(in);
    }
}
