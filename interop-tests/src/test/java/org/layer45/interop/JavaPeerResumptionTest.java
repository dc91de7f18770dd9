package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.interop.LoopbackTls.Facts;
import org.layer45.interop.LoopbackTls.Result;
import org.layer45.interop.LoopbackTls.Side;
import org.layer45.interop.TlsHellos.ClientHello;
import org.layer45.interop.TlsHellos.ServerHello;

/**
 * Session resumption with the Java peers, both roles: TLS 1.3 PSK (RFC 8446 §2.2) and TLS 1.2 by
 * session id (RFC 5246 §7.4.1.2) and by ticket (RFC 5077). The same client context connects twice
 * to the same server port. Three witnesses: the wire (pre_shared_key in both hellos; for TLS 1.2 an
 * abbreviated handshake without a Certificate, with the echoed id or a non-empty session_ticket),
 * Layer45's org.layer45.resumed, and the peer's own session (same id, or same creation time).
 */
@Timeout(60)
class JavaPeerResumptionTest {
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    static Stream<Arguments> tls12Cases() {
        return JavaPeerCases.peersAndRolesWith("session id", "ticket");
    }

    /** Runs two connections from one client context; returns both results. */
    private static Result[] twice(Side client, Side server, boolean pause) throws Exception {
        try (LoopbackTls tls = new LoopbackTls(server)) {
            Result first = tls.connect(client).ok();
            if (pause) {
                Thread.sleep(1100); // Conscrypt's creation times have a 1 s granularity
            }
            Result second = tls.connect(client).ok();
            return new Result[] {first, second};
        }
    }

    private static Facts peerFacts(Role role, Result r) {
        return role.layer45IsClient() ? r.server() : r.client();
    }

    private static Facts ourFacts(Role role, Result r) {
        return role.layer45IsClient() ? r.client() : r.server();
    }

    @ParameterizedTest(name = "{0}, {1}: TLS 1.3 PSK resumption")
    @MethodSource("org.layer45.interop.JavaPeerCases#peersAndRoles")
    void tls13Psk(TlsStack peer, Role role) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": resumption TLS 1.3 PSK");
        Side client = new Side(role.client(peer), role.client(peer).context(pki, null)).protocols("TLSv1.3");
        Side server = new Side(role.server(peer), role.server(peer).context(pki, "server-ec"));
        if (peer == TlsStack.CONSCRYPT) {
            // Conscrypt turns BoringSSL's tickets off unless asked; without them TLS 1.3 has no resumption.
            (role.layer45IsClient() ? server : client).extra(s -> Conscrypt.setUseSessionTickets(s, true));
        }
        Result[] r = twice(client, server, false);
        ClientHello hello = r[1].wire().clientHellos().get(0);
        ServerHello sh = r[1].wire().serverHello();
        if (peer == TlsStack.BCJSSE) {
            recordBcjsseWithoutTls13Resumption(role, r, hello);
            return;
        }
        assertFalse(r[0].wire().clientHellos().get(0).offersPsk(), "the first connection is a full handshake");
        assertEquals(Boolean.FALSE, ourFacts(role, r[0]).layer45Resumed());
        assertTrue(hello.offersPsk() && sh.acceptsPsk(), () -> "pre_shared_key offered and accepted: " + r[1].wire());
        assertEquals(Boolean.TRUE, ourFacts(role, r[1]).layer45Resumed(), "org.layer45.resumed");
        assertEquals("TLSv1.3", peerFacts(role, r[1]).protocol());
        // The peer's own view: SunJSSE's resumed session keeps the original's creation time. Conscrypt
        // has no public API that tells (BoringSSL gives a resumed TLS 1.3 session a new time and id).
        if (peer == TlsStack.SUNJSSE) {
            assertEquals(peerFacts(role, r[0]).creationTime(), peerFacts(role, r[1]).creationTime(),
                    peer + " session creation time");
        }
    }

    /**
     * BCJSSE 1.84 has no TLS 1.3 resumption: as a client its second ClientHello carries no
     * pre_shared_key; as a server it issues no ticket, so Layer45 has none to offer. Both second
     * handshakes still complete (full), which is asserted.
     */
    private static void recordBcjsseWithoutTls13Resumption(Role role, Result[] r, ClientHello hello) {
        assertFalse(hello.offersPsk(), "BCJSSE resumed under TLS 1.3: update this test");
        assertEquals(Boolean.FALSE, ourFacts(role, r[1]).layer45Resumed());
        InteropMatrix.limitation(role.layer45IsClient()
                ? "BCJSSE 1.84 server sends no TLS 1.3 NewSessionTicket: Layer45's second ClientHello has no"
                        + " pre_shared_key to offer; the second handshake is full"
                : "BCJSSE 1.84 client does not resume TLS 1.3: its second ClientHello has no pre_shared_key"
                        + " although Layer45 sent NewSessionTickets; the second handshake is full");
    }

    @ParameterizedTest(name = "{0}, {1}: TLS 1.2 resumption by {2}")
    @MethodSource("tls12Cases")
    void tls12(TlsStack peer, Role role, String mechanism) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": resumption TLS 1.2 by " + mechanism);
        boolean ticket = mechanism.equals("ticket");
        TlsStack clientStack = role.client(peer);
        TlsStack serverStack = role.server(peer);
        // SunJSSE's stateless tickets are on unless its context is made with the property false.
        String property = role.layer45IsClient() ? "jdk.tls.server.enableSessionTicketExtension"
                : "jdk.tls.client.enableSessionTicketExtension";
        Callable<SSLContext> peerContext = () -> peer.context(pki, role.layer45IsClient() ? "server-ec" : null);
        SSLContext theirs = peer == TlsStack.SUNJSSE && !ticket ? withProperty(property, "false", peerContext)
                : peerContext.call();
        SSLContext ours = TlsStack.LAYER45.context(pki, role.layer45IsClient() ? null : "server-ec");
        Side client = new Side(clientStack, role.layer45IsClient() ? ours : theirs).protocols("TLSv1.2");
        Side server = new Side(serverStack, role.layer45IsClient() ? theirs : ours);
        if (peer == TlsStack.CONSCRYPT && ticket) {
            (role.layer45IsClient() ? server : client).extra(s -> Conscrypt.setUseSessionTickets(s, true));
        }
        Result[] r = twice(client, server, peer == TlsStack.CONSCRYPT);
        ClientHello hello = r[1].wire().clientHellos().get(0);
        ServerHello sh = r[1].wire().serverHello();
        if (peer == TlsStack.BCJSSE && ticket) {
            recordBcjsseWithoutTickets(role, r);
            return;
        }
        assertEquals(0x0303, r[1].wire().version());
        assertTrue(r[0].wire().fromServer.certificateInClear, "the first handshake is full");
        assertFalse(r[1].wire().fromServer.certificateInClear, () -> "abbreviated: no Certificate " + r[1].wire());
        assertEquals(ticket, hello.offersTicket(), "a non-empty session_ticket in the second ClientHello");
        assertEquals(ticket, r[0].wire().serverHello().ticketPromised(), "NewSessionTicket promised first time");
        if (!ticket) {
            assertArrayEquals(r[0].wire().serverHello().sessionId(), hello.sessionId(), "the client offers the id");
        }
        assertArrayEquals(hello.sessionId(), sh.sessionId(), "the server echoes it (RFC 5077 §3.4 / RFC 5246)");
        assertEquals(Boolean.FALSE, ourFacts(role, r[0]).layer45Resumed());
        assertEquals(Boolean.TRUE, ourFacts(role, r[1]).layer45Resumed(), "org.layer45.resumed");
        // The peer's own view: the resumed session keeps the original's creation time (Conscrypt:
        // 1 s granularity, hence the pause) and, except for a BoringSSL ticket server, its id.
        assertEquals(peerFacts(role, r[0]).creationTime(), peerFacts(role, r[1]).creationTime(), peer
                + " creation time");
        if (!(peer == TlsStack.CONSCRYPT && ticket && role.layer45IsClient())) {
            assertEquals(peerFacts(role, r[0]).sessionId(), peerFacts(role, r[1]).sessionId(), peer + " session id");
        }
    }

    /** BCJSSE 1.84 implements no RFC 5077 tickets: it neither sends nor answers session_ticket. */
    private static void recordBcjsseWithoutTickets(Role role, Result[] r) {
        ClientHello first = r[0].wire().clientHellos().get(0);
        if (role.layer45IsClient()) {
            assertTrue(first.ticketExtension(), "Layer45 offered session_ticket");
            assertFalse(r[0].wire().serverHello().ticketPromised(), "BCJSSE promised a ticket: update this test");
        } else {
            assertFalse(first.ticketExtension(), "BCJSSE sent session_ticket: update this test");
        }
        // The session id still resumes.
        assertEquals(Boolean.TRUE, ourFacts(role, r[1]).layer45Resumed());
        InteropMatrix.limitation(role.layer45IsClient()
                ? "BCJSSE 1.84 server ignores Layer45's session_ticket (no ticket in its ServerHello); resumed by id"
                : "BCJSSE 1.84 client sends no session_ticket extension; resumed by id instead");
    }

    private static <T> T withProperty(String name, String value, Callable<T> action) throws Exception {
        String old = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return action.call();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }
}
