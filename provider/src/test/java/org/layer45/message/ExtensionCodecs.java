package org.layer45.message;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.ProtocolVersion;
import org.layer45.message.extension.Alpn;
import org.layer45.message.extension.Cookie;
import org.layer45.message.extension.EarlyDataIndication;
import org.layer45.message.extension.EcPointFormats;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.KeyShareClientHello;
import org.layer45.message.extension.KeyShareEntry;
import org.layer45.message.extension.KeyShareHelloRetryRequest;
import org.layer45.message.extension.KeyShareServerHello;
import org.layer45.message.extension.PreSharedKeyClientHello;
import org.layer45.message.extension.PreSharedKeyServerHello;
import org.layer45.message.extension.PskIdentity;
import org.layer45.message.extension.PskKeyExchangeModes;
import org.layer45.message.extension.RenegotiationInfo;
import org.layer45.message.extension.ServerNameList;
import org.layer45.message.extension.SignatureAlgorithms;
import org.layer45.message.extension.SupportedGroups;
import org.layer45.message.extension.SupportedVersionsClient;
import org.layer45.message.extension.SupportedVersionsServer;

/** One entry per typed extension: a random generator, its encoder and its decoder, for table-driven tests. */
final class ExtensionCodecs {

    /** A typed extension decoder. */
    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] data) throws TlsFailure;
    }

    /** A typed extension: name, random value, encode, decode. */
    record Codec(String name, Function<Random, Object> generator, Function<Object, Extension> encoder,
            Decoder decoder) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ExtensionCodecs() {
    }

    static List<Integer> smallInts(Random r, int min, int max) {
        List<Integer> out = new ArrayList<>();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(256));
        }
        return out;
    }

    static KeyShareEntry share(Random r, NamedGroup g) {
        return new KeyShareEntry(g, Samples.bytes(r, 1, 70));
    }

    static KeyShareClientHello clientShares(Random r) {
        List<KeyShareEntry> shares = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int n = r.nextInt(4);
        while (shares.size() < n) {
            NamedGroup g = NamedGroup.of(Samples.u16(r));
            if (seen.add(g.code())) {
                shares.add(share(r, g));
            }
        }
        return new KeyShareClientHello(shares);
    }

    static PreSharedKeyClientHello psk(Random r) {
        int n = 1 + r.nextInt(3);
        List<PskIdentity> ids = new ArrayList<>();
        List<byte[]> binders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new PskIdentity(Samples.bytes(r, 1, 50), Samples.u32(r)));
            binders.add(Samples.bytes(r, 32, 64));
        }
        return new PreSharedKeyClientHello(ids, binders);
    }

    static List<ProtocolVersion> versions(Random r) {
        List<ProtocolVersion> out = new ArrayList<>();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            out.add(ProtocolVersion.of(Samples.u16(r)));
        }
        return out;
    }

    static List<String> alpnNames(Random r) {
        List<String> out = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.add(Samples.latin1(r, 1, 12));
        }
        return out;
    }

    static final List<Codec> ALL = List.of(
            new Codec("server_name", r -> ServerNameList.of(Samples.ascii(r, 1, 40)),
                    o -> ((ServerNameList) o).toExtension(), ServerNameList::decode),
            new Codec("supported_versions(client)", r -> new SupportedVersionsClient(versions(r)),
                    o -> ((SupportedVersionsClient) o).toExtension(), SupportedVersionsClient::decode),
            new Codec("supported_versions(server)",
                    r -> new SupportedVersionsServer(ProtocolVersion.of(Samples.u16(r))),
                    o -> ((SupportedVersionsServer) o).toExtension(), SupportedVersionsServer::decode),
            new Codec("supported_groups", r -> new SupportedGroups(Samples.groups(r, 1, 10)),
                    o -> ((SupportedGroups) o).toExtension(), SupportedGroups::decode),
            new Codec("signature_algorithms", r -> new SignatureAlgorithms(Samples.schemes(r, 1, 10)),
                    o -> ((SignatureAlgorithms) o).toExtension(), SignatureAlgorithms::decode),
            new Codec("signature_algorithms_cert", r -> new SignatureAlgorithms(Samples.schemes(r, 1, 10)),
                    o -> ((SignatureAlgorithms) o).toExtension(org.layer45.iana.ExtensionType.SIGNATURE_ALGORITHMS_CERT),
                    SignatureAlgorithms::decode),
            new Codec("key_share(client)", ExtensionCodecs::clientShares,
                    o -> ((KeyShareClientHello) o).toExtension(), KeyShareClientHello::decode),
            new Codec("key_share(server)",
                    r -> new KeyShareServerHello(share(r, NamedGroup.of(Samples.u16(r)))),
                    o -> ((KeyShareServerHello) o).toExtension(), KeyShareServerHello::decode),
            new Codec("key_share(hrr)", r -> new KeyShareHelloRetryRequest(NamedGroup.of(Samples.u16(r))),
                    o -> ((KeyShareHelloRetryRequest) o).toExtension(), KeyShareHelloRetryRequest::decode),
            new Codec("alpn", r -> new Alpn(alpnNames(r)), o -> ((Alpn) o).toExtension(), Alpn::decode),
            new Codec("psk_key_exchange_modes", r -> new PskKeyExchangeModes(smallInts(r, 1, 4)),
                    o -> ((PskKeyExchangeModes) o).toExtension(), PskKeyExchangeModes::decode),
            new Codec("pre_shared_key(client)", ExtensionCodecs::psk,
                    o -> ((PreSharedKeyClientHello) o).toExtension(), PreSharedKeyClientHello::decode),
            new Codec("pre_shared_key(server)", r -> new PreSharedKeyServerHello(Samples.u16(r)),
                    o -> ((PreSharedKeyServerHello) o).toExtension(), PreSharedKeyServerHello::decode),
            new Codec("cookie", r -> new Cookie(Samples.bytes(r, 1, 80)), o -> ((Cookie) o).toExtension(),
                    Cookie::decode),
            new Codec("early_data",
                    r -> r.nextBoolean() ? EarlyDataIndication.EMPTY : new EarlyDataIndication(Samples.u32(r)),
                    o -> ((EarlyDataIndication) o).toExtension(), EarlyDataIndication::decode),
            new Codec("renegotiation_info", r -> new RenegotiationInfo(Samples.bytes(r, 0, 48)),
                    o -> ((RenegotiationInfo) o).toExtension(), RenegotiationInfo::decode),
            new Codec("ec_point_formats", r -> new EcPointFormats(smallInts(r, 1, 4)),
                    o -> ((EcPointFormats) o).toExtension(), EcPointFormats::decode));
}
