package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.iana.CipherSuite;
import org.layer45.interop.LoopbackTls.Facts;
import org.layer45.interop.LoopbackTls.Result;
import org.layer45.interop.LoopbackTls.Side;
import org.layer45.interop.TlsHellos.ClientHello;

/**
 * Layer45 against the Java TLS peers (BoringSSL through Conscrypt, BCJSSE, SunJSSE of the running
 * JDK), both roles, over real loopback sockets: every TLS 1.3 and TLS 1.2 suite, the groups
 * X25519MLKEM768, x25519, secp256r1 and secp384r1 under both versions (ML-KEM is TLS 1.3 only), and
 * ECDSA P-256, RSA-2048 and Ed25519 server certificates. Each cell checks the version and suite
 * both sides report, the group three ways (Layer45's org.layer45.namedGroup, the peer's own report
 * where it has one, the ServerHello / ServerKeyExchange on the wire), the certificate type the
 * client saw, that a HelloRetryRequest happened exactly when the client sent no share for the chosen
 * group, and an echoed exchange. For TLS 1.2 only the peer is limited to TLS 1.2 and the suite, so
 * Layer45's version negotiation (and downgrade sentinel check) runs too.
 */
@Timeout(60)
class JavaPeerHandshakeTest {
    private static TestPki pki;

    /** One cell: version, suite, group, server certificate. */
    record Scenario(String version, String suite, String group, String cert) {
        boolean tls13() {
            return version.equals("TLSv1.3");
        }

        @Override
        public String toString() {
            return (tls13() ? "TLS 1.3 " : "TLS 1.2 ") + suite + " " + group + " " + switch (cert) {
                case "ec" -> "ECDSA P-256";
                case "rsa" -> "RSA-2048";
                default -> "Ed25519";
            };
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    static List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        String aes128 = "TLS_AES_128_GCM_SHA256";
        for (CipherSuite s : CipherSuite.TLS13_ALL) {
            out.add(new Scenario("TLSv1.3", s.name(), "x25519", "ec"));
        }
        for (String g : List.of("X25519MLKEM768", "secp256r1", "secp384r1")) {
            out.add(new Scenario("TLSv1.3", aes128, g, "ec"));
        }
        out.add(new Scenario("TLSv1.3", aes128, "x25519", "rsa"));
        out.add(new Scenario("TLSv1.3", aes128, "x25519", "ed25519"));
        for (CipherSuite s : org.layer45.connection.Config.DEFAULT_SUITES_12) {
            out.add(new Scenario("TLSv1.2", s.name(), "x25519", s.name().contains("ECDSA") ? "ec" : "rsa"));
        }
        for (String g : List.of("secp256r1", "secp384r1")) {
            out.add(new Scenario("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", g, "rsa"));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (TlsStack peer : TlsStack.peers()) {
            for (Role role : Role.values()) {
                for (Scenario sc : scenarios()) {
                    out.add(Arguments.of(peer, role, sc));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1}: {2}")
    @MethodSource("cases")
    void handshake(TlsStack peer, Role role, Scenario sc) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": " + sc);
        TlsStack clientStack = role.client(peer);
        TlsStack serverStack = role.server(peer);
        Side client = new Side(clientStack, clientStack.context(pki, null));
        Side server = new Side(serverStack, serverStack.context(pki, "server-" + sc.cert()));
        Side ours = role.layer45IsClient() ? client : server;
        Side theirs = role.layer45IsClient() ? server : client;
        if (sc.tls13()) {
            ours.suites(sc.suite());
            if (peer != TlsStack.CONSCRYPT) {
                theirs.suites(sc.suite()); // BoringSSL has no TLS 1.3 suite configuration: Layer45's choice decides
            }
        } else {
            theirs.protocols("TLSv1.2").suites(sc.suite());
        }
        boolean peerLacksMlKem = sc.group().equals("X25519MLKEM768") && !peer.hasMlKem();
        if (!peerLacksMlKem) {
            // RFC 8422 §5.3: in TLS 1.2 the groups also bound the ECDSA certificate's curve (P-256).
            List<String> groups = !sc.tls13() && sc.cert().equals("ec") && !sc.group().equals("secp256r1")
                    ? List.of(sc.group(), "secp256r1") : List.of(sc.group());
            ours.groups(groups.toArray(String[]::new));
            if (peer.canRestrictGroups()) {
                theirs.groups(groups.toArray(String[]::new));
            }
        }
        String expectedGroup = peerLacksMlKem ? "x25519" : sc.group();

        Result r;
        try (LoopbackTls tls = new LoopbackTls(server)) {
            r = tls.connect(client);
        }
        if (sc.cert().equals("ed25519") && peer == TlsStack.CONSCRYPT) {
            recordConscryptWithoutEd25519(role, r);
            return;
        }
        if (sc.cert().equals("ed25519") && peer == TlsStack.BCJSSE && role.layer45IsClient()) {
            recordBcjsseServerWithoutEd25519(r);
            return;
        }
        r.ok();
        Facts l45 = role.layer45IsClient() ? r.client() : r.server();
        Facts other = role.layer45IsClient() ? r.server() : r.client();
        for (Facts f : List.of(l45, other)) {
            assertEquals(sc.version(), f.protocol(), "version");
            assertEquals(sc.suite(), f.suite(), "suite");
        }
        assertEquals("Layer45", l45.layer45Provider());
        assertNull(other.layer45Provider(), "the peer's session is its own");
        assertEquals(expectedGroup, l45.layer45Group(), "Layer45's org.layer45.namedGroup");
        if (other.group() != null) {
            assertEquals(expectedGroup, other.group(), peer + "'s own report of the group");
        }
        assertEquals(TlsHellos.groupCode(expectedGroup), r.wire().negotiatedGroup(), "group on the wire");
        assertEquals(CipherSuite.byName(sc.suite()).code(), r.wire().serverHello().cipherSuite(), "suite on the wire");
        assertEquals(Boolean.FALSE, l45.layer45Resumed());
        assertKeyType(sc.cert(), r.client().peerKeyAlgorithm());
        ClientHello first = r.wire().clientHellos().get(0);
        boolean shareSent = first.keyShareGroups().contains(TlsHellos.groupCode(expectedGroup));
        assertEquals(sc.tls13() && !shareSent, r.wire().helloRetried(),
                "HelloRetryRequest exactly when the first ClientHello had no share for the group: " + r.wire());
        if (peerLacksMlKem) {
            recordMissingMlKem(peer, role, r);
        }
    }

    /**
     * BoringSSL through Conscrypt 2.9.0 has no Ed25519 in TLS: as a client it does not offer the
     * ed25519 scheme (so Layer45 has no certificate it may use and answers handshake_failure); as a
     * server it cannot load the Ed25519 key from the key manager (NO_CERTIFICATE_SET, and it sends
     * internal_error, which Layer45 reports). Both failures are asserted exactly.
     */
    private static void recordConscryptWithoutEd25519(Role role, Result r) {
        ClientHello first = r.wire().clientHellos().get(0);
        if (role.layer45IsClient()) {
            assertTrue(first.signatureSchemes().contains(0x0807), "Layer45 offered ed25519");
            String boring = String.valueOf(r.serverError().getMessage());
            assertTrue(boring.contains("NO_CERTIFICATE_SET"), boring);
            assertTrue(String.valueOf(r.clientError().getMessage()).contains("internal_error"),
                    r.clientError()::toString);
            InteropMatrix.limitation("Conscrypt server cannot use an Ed25519 key: "
                    + boring.lines().filter(l -> l.contains("NO_CERTIFICATE_SET")).findFirst().orElse(boring)
                            .replaceAll(" \\(.*", "")
                    + "; Layer45 client reports " + r.clientError().getMessage());
        } else {
            assertFalse(first.signatureSchemes().contains(0x0807), "Conscrypt offered no ed25519 scheme");
            assertTrue(String.valueOf(r.serverError().getMessage()).contains("no certificate for this client"),
                    r.serverError()::toString);
            InteropMatrix.limitation("Conscrypt client offers no ed25519 (0x0807) in signature_algorithms "
                    + first.signatureSchemes().stream().map(x -> String.format("%04x", x)).toList()
                    + "; Layer45 server: " + r.serverError().getMessage());
        }
    }

    /**
     * BCJSSE 1.84 as a server does not select an Ed25519 key from its own PKIX key manager ("found
     * no selectable cipher suite"), although Layer45 offered ed25519 — and it fails the same way
     * against a BCJSSE client, which this proves with a second, BCJSSE-only connection.
     */
    private static void recordBcjsseServerWithoutEd25519(Result r) throws Exception {
        assertTrue(r.wire().clientHellos().get(0).signatureSchemes().contains(0x0807), "Layer45 offered ed25519");
        String bc = String.valueOf(r.serverError().getMessage());
        assertTrue(bc.contains("found no selectable cipher suite"), bc);
        Result own;
        try (LoopbackTls tls = new LoopbackTls(new Side(TlsStack.BCJSSE, TlsStack.BCJSSE.context(pki,
                "server-ed25519")))) {
            own = tls.connect(new Side(TlsStack.BCJSSE, TlsStack.BCJSSE.context(pki, null)));
        }
        assertTrue(String.valueOf(own.serverError()).contains("found no selectable cipher suite"), own::toString);
        InteropMatrix.limitation("BCJSSE server cannot use an Ed25519 key (also BCJSSE to BCJSSE): "
                + bc.replaceAll("\\[server #\\d+ @\\w+\\] ", "").replaceAll(" among.*", ""));
    }

    private static void assertKeyType(String cert, String keyAlgorithm) {
        switch (cert) {
            case "ec" -> assertEquals("EC", keyAlgorithm);
            case "rsa" -> assertEquals("RSA", keyAlgorithm);
            default -> assertTrue(keyAlgorithm.equals("EdDSA") || keyAlgorithm.equals("Ed25519"), keyAlgorithm);
        }
    }

    /**
     * The peer has no X25519MLKEM768: Layer45 (offering it first, with a share) must settle on
     * x25519 without a retry. Evidence: the peer's own ClientHello, or its answer to Layer45's share.
     */
    private static void recordMissingMlKem(TlsStack peer, Role role, Result r) {
        int mlkem = TlsHellos.groupCode("X25519MLKEM768");
        ClientHello first = r.wire().clientHellos().get(0);
        if (role.layer45IsClient()) {
            assertTrue(first.keyShareGroups().contains(mlkem), "Layer45 offered an X25519MLKEM768 share");
            InteropMatrix.limitation(peer + " server has no X25519MLKEM768: answered Layer45's shares "
                    + TlsHellos.groupNames(first.keyShareGroups()) + " with "
                    + TlsHellos.groupName(r.wire().serverHello().group()) + "; Layer45 fell back without a retry");
        } else {
            assertFalse(first.supportedGroups().contains(mlkem), "the peer did not offer X25519MLKEM768");
            InteropMatrix.limitation(peer + " client has no X25519MLKEM768: its supported_groups are "
                    + TlsHellos.groupNames(first.supportedGroups()) + "; Layer45 server chose x25519");
        }
    }
}
