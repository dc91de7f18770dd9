package org.layer45.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.interop.LoopbackTls.Result;
import org.layer45.interop.LoopbackTls.Script;
import org.layer45.interop.LoopbackTls.Side;

/**
 * TLS 1.3 after the handshake, with the Java peers in both roles: KeyUpdate (RFC 8446 §4.6.3)
 * started by either side through {@code startHandshake()} on an established socket — the JSSE way,
 * SunJSSE's included — and close_notify (RFC 8446 §6.1) sent by either side. The wire tap counts
 * the 22-byte encrypted records that only a KeyUpdate makes and sees the 19-byte alert before end
 * of stream; data sent after each update must still arrive intact, which proves the new keys on
 * both ends.
 */
@Timeout(60)
class JavaPeerPostHandshakeTest {
    private static final int MESSAGE = 1000;
    private static TestPki pki;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.get();
    }

    /** (peer, role, whether Layer45 acts): the KeyUpdate and close_notify cells. */
    static Stream<Arguments> cases() {
        return JavaPeerCases.peersAndRolesWith(true, false);
    }

    private static Side[] sides(TlsStack peer, Role role) throws Exception {
        Side client = new Side(role.client(peer), role.client(peer).context(pki, null)).protocols("TLSv1.3");
        Side server = new Side(role.server(peer), role.server(peer).context(pki, "server-ec"));
        return new Side[] {client, server};
    }

    private static void exchange(SSLSocket s, long seed) throws IOException {
        byte[] msg = LoopbackTls.randomBytes(MESSAGE, seed);
        s.getOutputStream().write(msg);
        s.getOutputStream().flush();
        assertArrayEquals(msg, LoopbackTls.readFully(s.getInputStream(), MESSAGE), "echo after the update");
    }

    private static void echo(SSLSocket s) throws IOException {
        byte[] b = LoopbackTls.readFully(s.getInputStream(), MESSAGE);
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
    }

    @ParameterizedTest(name = "{0}, {1}: KeyUpdate started by Layer45={2}")
    @MethodSource("cases")
    void keyUpdate(TlsStack peer, Role role, boolean layer45Starts) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": KeyUpdate started by " + (layer45Starts ? "Layer45" : "the peer"));
        boolean clientStarts = layer45Starts == role.layer45IsClient();
        AtomicReference<Exception> startFailure = new AtomicReference<>();
        Script update = s -> {
            try {
                s.startHandshake(); // on an established TLS 1.3 socket: a KeyUpdate (JSSE convention)
            } catch (UnsupportedOperationException e) {
                startFailure.set(e);
            }
        };
        Script client = c -> {
            exchange(c, 1);
            if (clientStarts) {
                update.run(c);
            }
            exchange(c, 2);
        };
        Script server = s -> {
            echo(s);
            if (!clientStarts) {
                update.run(s);
            }
            echo(s);
            LoopbackTls.echoUntilEnd(s);
        };
        Side[] sides = sides(peer, role);
        Result r;
        try (LoopbackTls tls = new LoopbackTls(sides[1])) {
            r = tls.connect(sides[0], client, server).ok();
        }
        WireTap.Direction fromStarter = clientStarts ? r.wire().fromClient : r.wire().fromServer;
        WireTap.Direction fromOther = clientStarts ? r.wire().fromServer : r.wire().fromClient;
        int starterPadding = layer45Starts ? 0 : peer.tls13Padding();
        int otherPadding = layer45Starts ? peer.tls13Padding() : 0;
        if (!layer45Starts && peer != TlsStack.SUNJSSE) {
            recordPeerThatDoesNotStart(peer, startFailure.get(), fromStarter);
            return;
        }
        assertEquals(1, fromStarter.keyUpdates(starterPadding), () -> "one KeyUpdate from the starter: " + r.wire());
        // SunJSSE asks for an update back (update_requested), Layer45 does not (update_not_requested).
        assertEquals(layer45Starts ? 0 : 1, fromOther.keyUpdates(otherPadding), () -> "KeyUpdates answered: "
                + r.wire());
    }

    /** Conscrypt's startHandshake() returns and sends nothing; BCJSSE's throws. Both are asserted. */
    private static void recordPeerThatDoesNotStart(TlsStack peer, Exception failure, WireTap.Direction fromPeer) {
        assertEquals(0, fromPeer.keyUpdates(peer.tls13Padding()), peer + " sent a KeyUpdate: update this test");
        if (peer == TlsStack.BCJSSE) {
            assertTrue(failure != null, "BCJSSE's startHandshake on an established socket threw");
            InteropMatrix.limitation("BCJSSE cannot start a KeyUpdate: startHandshake() throws "
                    + failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    + "; it answers Layer45's (other cells)");
        } else {
            InteropMatrix.limitation(peer + " cannot start a KeyUpdate: startHandshake() on an established TLS 1.3"
                    + " socket returns without sending one (no 22-byte record on the wire); it answers Layer45's");
        }
    }

    @ParameterizedTest(name = "{0}, {1}: close_notify sent by Layer45={2}")
    @MethodSource("cases")
    void closeNotify(TlsStack peer, Role role, boolean layer45Closes) throws Exception {
        InteropMatrix.cell(peer.name(), role + ": close_notify sent by " + (layer45Closes ? "Layer45" : "the peer"));
        boolean clientCloses = layer45Closes == role.layer45IsClient();
        Script client = c -> {
            exchange(c, 3);
            if (!clientCloses) {
                assertEquals(-1, c.getInputStream().read(), "the client reads end of stream after close_notify");
            }
        };
        Script server = s -> {
            echo(s);
            if (clientCloses) {
                assertEquals(-1, s.getInputStream().read(), "the server reads end of stream after close_notify");
            }
        };
        Side[] sides = sides(peer, role);
        Result r;
        try (LoopbackTls tls = new LoopbackTls(sides[1])) {
            r = tls.connect(sides[0], client, server).ok();
        }
        WireTap.Direction fromCloser = clientCloses ? r.wire().fromClient : r.wire().fromServer;
        assertTrue(fromCloser.endedWithTls13Alert(layer45Closes ? 0 : peer.tls13Padding()),
                () -> "an encrypted alert, then end of stream: " + r.wire());
    }
}
