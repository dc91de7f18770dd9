package org.layer45.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;

/**
 * Random well-formed handshake messages for tests, drawn from a {@link Random} so the same generators
 * serve jqwik ({@code Arbitraries.randomValue}) and the seeded fuzz loop.
 */
final class Samples {
    /** Every TLS 1.3 type decode13 decodes. */
    static final int[] TYPES = {HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
        HandshakeType.NEW_SESSION_TICKET, HandshakeType.END_OF_EARLY_DATA, HandshakeType.ENCRYPTED_EXTENSIONS,
        HandshakeType.CERTIFICATE, HandshakeType.CERTIFICATE_REQUEST, HandshakeType.CERTIFICATE_VERIFY,
        HandshakeType.FINISHED, HandshakeType.KEY_UPDATE};

    private Samples() {
    }

    static byte[] bytes(Random r, int min, int max) {
        byte[] b = new byte[min + r.nextInt(max - min + 1)];
        r.nextBytes(b);
        return b;
    }

    static int u16(Random r) {
        return r.nextInt(0x10000);
    }

    static long u32(Random r) {
        return r.nextInt() & 0xFFFFFFFFL;
    }

    static String ascii(Random r, int min, int max) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.-";
        StringBuilder sb = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String latin1(Random r, int min, int max) {
        return new String(bytes(r, min, max), StandardCharsets.ISO_8859_1);
    }

    static Extensions extensions(Random r, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        List<Extension> list = new ArrayList<>();
        Set<Integer> types = new HashSet<>();
        while (list.size() < n) {
            int type = r.nextBoolean() ? r.nextInt(60) : u16(r);
            if (types.add(type)) {
                list.add(new Extension(type, bytes(r, 0, 24)));
            }
        }
        return Extensions.of(list);
    }

    static ProtocolVersion version(Random r) {
        return r.nextInt(4) == 0 ? ProtocolVersion.of(u16(r)) : ProtocolVersion.TLS12;
    }

    static List<NamedGroup> groups(Random r, int min, int max) {
        List<NamedGroup> out = new ArrayList<>();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            out.add(NamedGroup.of(u16(r)));
        }
        return out;
    }

    static List<SignatureScheme> schemes(Random r, int min, int max) {
        List<SignatureScheme> out = new ArrayList<>();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            out.add(SignatureScheme.of(u16(r)));
        }
        return out;
    }

    static ClientHello clientHello(Random r) {
        List<CipherSuite> suites = new ArrayList<>();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            suites.add(CipherSuite.of(u16(r)));
        }
        return new ClientHello(version(r), bytes(r, 32, 32), bytes(r, 0, 32), suites, bytes(r, 1, 3),
                extensions(r, 0, 6));
    }

    static ServerHello serverHello(Random r) {
        byte[] random = r.nextInt(4) == 0 ? ServerHello.HELLO_RETRY_REQUEST_RANDOM.clone() : bytes(r, 32, 32);
        return new ServerHello(version(r), random, bytes(r, 0, 32), CipherSuite.of(u16(r)), r.nextInt(256),
                extensions(r, 0, 4));
    }

    static Certificate13 certificate(Random r) {
        List<Certificate13.Entry> entries = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            entries.add(new Certificate13.Entry(bytes(r, 1, 60), extensions(r, 0, 2)));
        }
        return new Certificate13(bytes(r, 0, 8), entries);
    }

    static NewSessionTicket13 newSessionTicket(Random r) {
        return new NewSessionTicket13(u32(r), u32(r), bytes(r, 0, 16), bytes(r, 1, 64), extensions(r, 0, 2));
    }

    /** A random well-formed message of the given type. */
    static HandshakeMessage message(Random r, int type) {
        return switch (type) {
            case HandshakeType.CLIENT_HELLO -> clientHello(r);
            case HandshakeType.SERVER_HELLO -> serverHello(r);
            case HandshakeType.NEW_SESSION_TICKET -> newSessionTicket(r);
            case HandshakeType.END_OF_EARLY_DATA -> new EndOfEarlyData();
            case HandshakeType.ENCRYPTED_EXTENSIONS -> new EncryptedExtensions(extensions(r, 0, 6));
            case HandshakeType.CERTIFICATE -> certificate(r);
            case HandshakeType.CERTIFICATE_REQUEST -> new CertificateRequest13(bytes(r, 0, 8), extensions(r, 1, 4));
            case HandshakeType.CERTIFICATE_VERIFY -> new CertificateVerify(SignatureScheme.of(u16(r)), bytes(r, 0, 80));
            case HandshakeType.FINISHED -> new Finished(bytes(r, 1, 64));
            case HandshakeType.KEY_UPDATE -> new KeyUpdate(r.nextBoolean());
            default -> new UnknownHandshakeMessage(type, bytes(r, 0, 40));
        };
    }

    /** The TLS 1.2 handshake types (RFC 5246 §7.4, RFC 5077 §3.3), each with a decoder in decode12. */
    static final int[] TYPES_12 = {HandshakeType.HELLO_REQUEST, HandshakeType.CLIENT_HELLO, HandshakeType.SERVER_HELLO,
        HandshakeType.NEW_SESSION_TICKET, HandshakeType.CERTIFICATE, HandshakeType.SERVER_KEY_EXCHANGE,
        HandshakeType.CERTIFICATE_REQUEST, HandshakeType.SERVER_HELLO_DONE, HandshakeType.CERTIFICATE_VERIFY,
        HandshakeType.CLIENT_KEY_EXCHANGE, HandshakeType.FINISHED};

    /** A random well-formed TLS 1.2 message of the given type (one of {@link #TYPES_12}). */
    static HandshakeMessage message12(Random r, int type) {
        return switch (type) {
            case HandshakeType.HELLO_REQUEST -> new HelloRequest();
            case HandshakeType.CLIENT_HELLO -> clientHello(r);
            case HandshakeType.SERVER_HELLO -> serverHello(r);
            case HandshakeType.NEW_SESSION_TICKET -> new NewSessionTicket12(u32(r), bytes(r, 0, 64));
            case HandshakeType.CERTIFICATE -> new Certificate12(list(r, 0, 3, () -> bytes(r, 1, 60)));
            case HandshakeType.SERVER_KEY_EXCHANGE -> new ServerKeyExchange(NamedGroup.of(u16(r)), bytes(r, 1, 97),
                    SignatureScheme.of(u16(r)), bytes(r, 0, 80));
            case HandshakeType.CERTIFICATE_REQUEST -> new CertificateRequest12(bytes(r, 1, 4), schemes(r, 1, 6),
                    list(r, 0, 2, () -> bytes(r, 1, 30)));
            case HandshakeType.SERVER_HELLO_DONE -> new ServerHelloDone();
            case HandshakeType.CERTIFICATE_VERIFY -> new CertificateVerify(SignatureScheme.of(u16(r)), bytes(r, 0, 80));
            case HandshakeType.CLIENT_KEY_EXCHANGE -> new ClientKeyExchange(bytes(r, 1, 97));
            case HandshakeType.FINISHED -> new Finished(bytes(r, 12, 12));
            default -> throw new IllegalArgumentException("not a tls 1.2 type: " + type);
        };
    }

    private static List<byte[]> list(Random r, int min, int max, java.util.function.Supplier<byte[]> element) {
        List<byte[]> out = new ArrayList<>();
        for (int n = min + r.nextInt(max - min + 1); n > 0; n--) {
            out.add(element.get());
        }
        return out;
    }

    /** A random well-formed message of a random TLS 1.3 type. */
    static HandshakeMessage anyMessage(Random r) {
        return message(r, TYPES[r.nextInt(TYPES.length)]);
    }

    static byte[] body(HandshakeMessage m) {
        TlsWriter w = new TlsWriter();
        m.writeBody(w);
        return w.toByteArray();
    }
}
