package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.interop.LoopbackTls.Facts;
import org.layer45.interop.LoopbackTls.Result;
import org.layer45.interop.LoopbackTls.Side;
import org.layer45.interop.TlsHellos.ClientHello;

/**
 * Handshake features with the Java peers, both roles, TLS 1.3 unless named: HelloRetryRequest
 * asked by either side, ALPN (h2 and http/1.1), SNI, and client authentication (TLS 1.3 and 1.2,
 * with and without a client certificate). HRR and SNI are proven on the wire by {@link WireTap};
 * the negotiated protocol and the client's identity by each side's own API.
 */
@Timeout(60)
class JavaPeerFeaturesTest {
    private static final int SECP384R1 = TlsHellos.groupCode("secp384r1");
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    static Stream<Arguments> peersRolesAlpn() {
        return JavaPeerCases.peersAndRolesWith("h2", "http/1.1");
    }

    static Stream<Arguments> peersRolesVersions() {
        return JavaPeerCases.peersAndRolesWith("TLSv1.3", "TLSv1.2");
    }

    private static Side side(TlsStack stack, String key) throws Exception {
        return new Side(stack, stack.context(pki, key));
    }

    private static Result connect(Side client, Side server) throws Exception {
        try (LoopbackTls tls = new LoopbackTls(server)) {
            return tls.connect(client);
        }
    }

    private static Facts layer45(Role role, Result r) {
        return role.layer45IsClient() ? r.client() : r.server();
    }

    private static Facts peer(Role role, Result r) {
        return role.layer45IsClient() ? r.server() : r.client();
    }

    /**
     * The server insists on secp384r1, for which the client sent no share: Layer45 as client
     * offers only an X25519MLKEM768 share (its groups X25519MLKEM768, secp384r1) and the peer
     * server (limited to secp384r1 where it can be; SunJSSE has no ML-KEM anyway) asks again; Layer45
     * as server is limited to secp384r1 and asks the peer client, which keeps its default shares.
     */
    @ParameterizedTest(name = "{0}, HRR asked by the {1}''s peer")
    @MethodSource("org.layer45.interop.JavaPeerCases#peersAndRoles")
    void helloRetryRequest(TlsStack peer, Role role) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": HelloRetryRequest to secp384r1 asked by the "
                + (role.layer45IsClient() ? "peer server" : "Layer45 server"));
        Side client = side(role.client(peer), null);
        Side server = side(role.server(peer), "server-ec");
        if (role.layer45IsClient()) {
            client.groups("X25519MLKEM768", "secp384r1");
            if (peer.canRestrictGroups()) {
                server.groups("secp384r1");
            }
        } else {
            server.groups("secp384r1");
        }
        Result r = connect(client, server).ok();

        List<ClientHello> hellos = r.wire().clientHellos();
        assertFalse(hellos.get(0).keyShareGroups().contains(SECP384R1), "first ClientHello had no secp384r1 share");
        assertTrue(r.wire().serverHellos().get(0).retryRequest(), () -> "HelloRetryRequest on the wire: " + r.wire());
        assertEquals(SECP384R1, r.wire().serverHellos().get(0).group(), "HRR selected_group");
        assertEquals(2, hellos.size(), "the client said hello twice");
        assertEquals(List.of(SECP384R1), hellos.get(1).keyShareGroups(), "second ClientHello's share");
        assertEquals(SECP384R1, r.wire().serverHello().group());
        assertEquals("secp384r1", layer45(role, r).layer45Group());
        String reported = peer(role, r).group();
        if (reported != null) {
            assertEquals("secp384r1", reported, peer + "'s own report");
        }
        assertEquals("TLSv1.3", peer(role, r).protocol());
    }

    /** The client offers h2 and http/1.1; the server speaks only {@code protocol}, which both must report. */
    @ParameterizedTest(name = "{0}, {1}: ALPN {2}")
    @MethodSource("peersRolesAlpn")
    void alpn(TlsStack peer, Role role, String protocol) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": ALPN " + protocol + " (client offers h2, http/1.1)");
        Side client = side(role.client(peer), null).alpn("h2", "http/1.1");
        Side server = side(role.server(peer), "server-ec").alpn(protocol);
        Result r = connect(client, server).ok();
        assertEquals(List.of("h2", "http/1.1"), r.wire().clientHellos().get(0).alpn(), "ALPN on the wire");
        assertEquals(protocol, r.client().alpn(), "client's getApplicationProtocol");
        assertEquals(protocol, r.server().alpn(), "server's getApplicationProtocol");
    }

    /**
     * The client names the dotted host sni.localhost (SunJSSE and BCJSSE send no SNI for plain
     * "localhost", INTEROP.md §0); the server must see it: on the wire, through an SNIMatcher it is
     * given, and in its session's requested names where its provider keeps them.
     */
    @ParameterizedTest(name = "{0}, {1}: SNI")
    @MethodSource("org.layer45.interop.JavaPeerCases#peersAndRoles")
    void sni(TlsStack peer, Role role) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": SNI sni.localhost");
        List<String> matched = new CopyOnWriteArrayList<>();
        SNIMatcher recording = new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                String host = new SNIHostName(name.getEncoded()).getAsciiName();
                matched.add(host);
                return host.equals("sni.localhost");
            }
        };
        Side client = side(role.client(peer), null).host("sni.localhost");
        Side server = side(role.server(peer), "server-ec").extra(s -> {
            SSLParameters p = s.getSSLParameters();
            p.setSNIMatchers(List.of(recording));
            s.setSSLParameters(p);
        });
        Result r = connect(client, server).ok();
        assertEquals("sni.localhost", r.wire().clientHellos().get(0).serverName(), "SNI on the wire");
        List<String> seen = new ArrayList<>(matched);
        seen.addAll(r.server().serverNames());
        assertTrue(seen.contains("sni.localhost"), () -> "the server saw " + seen);
        if (!role.layer45IsClient()) {
            assertEquals(List.of("sni.localhost"), r.server().serverNames(), "Layer45's requested names");
        }
    }

    /** The server requires a certificate; the client presents client-ec (TLS 1.3) or client-rsa (TLS 1.2). */
    @ParameterizedTest(name = "{0}, {1}: client auth {2}")
    @MethodSource("peersRolesVersions")
    void clientAuthentication(TlsStack peer, Role role, String version) throws Exception {
        String key = version.equals("TLSv1.3") ? "client-ec" : "client-rsa";
        InteropMatrix.cell(peer.name(), role + ": client authentication required, " + version + " "
                + (key.endsWith("ec") ? "ECDSA" : "RSA") + " client certificate");
        Side client = side(role.client(peer), key).protocols(version);
        Side server = side(role.server(peer), "server-ec").needClientAuth();
        Result r = connect(client, server).ok();
        assertEquals(version, r.server().protocol());
        assertEquals("CN=interop_client", r.server().peerPrincipal(), "the server's view of the client");
        assertEquals(key.endsWith("ec") ? "EC" : "RSA", r.server().peerKeyAlgorithm());
    }

    /** Required but absent: the server must refuse (TLS 1.3: certificate_required, RFC 8446 §4.4.2.4). */
    @ParameterizedTest(name = "{0}, {1}: client auth required, no certificate")
    @MethodSource("org.layer45.interop.JavaPeerCases#peersAndRoles")
    void clientAuthenticationWithoutCertificateFails(TlsStack peer, Role role) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": client authentication required, client has no certificate");
        Side client = side(role.client(peer), null);
        Side server = side(role.server(peer), "server-ec").needClientAuth();
        Result r = connect(client, server);
        assertNotNull(r.serverError(), "the server refused");
        assertNotNull(r.clientError(), "the client learned of it");
        String clientSaw = String.valueOf(r.clientError().getMessage()).toLowerCase(Locale.ROOT);
        boolean certificateRequired = clientSaw.contains("certificate_required")
                || clientSaw.contains("certificate required");
        if (!certificateRequired && role.layer45IsClient() && clientSaw.contains("bad_certificate")) {
            // RFC 8446 §4.4.2.4 names certificate_required for this; the server chose another alert.
            InteropMatrix.limitation(peer + " server refuses an empty client Certificate with bad_certificate(42),"
                    + " not certificate_required(116): \"" + r.serverError().getMessage() + "\"; Layer45 client: "
                    + r.clientError().getMessage());
            return;
        }
        assertTrue(certificateRequired,
                () -> "client error names certificate_required: " + r.clientError() + " / server: " + r.serverError());
    }
}
