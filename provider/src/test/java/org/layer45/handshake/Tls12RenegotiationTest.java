package org.layer45.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.client.tls12.Client12State;
import org.layer45.handshake.client.tls12.ClientTraffic12;
import org.layer45.handshake.server.tls12.Server12State;
import org.layer45.handshake.server.tls12.ServerTraffic12;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ProtocolVersion;
import org.layer45.keyschedule.TrafficSecret;
import org.layer45.message.ClientHello;
import org.layer45.message.HandshakeMessage;
import org.layer45.message.HandshakeMessages12;
import org.layer45.message.HelloRequest;
import org.layer45.message.RawHandshake;
import org.layer45.message.extension.Extensions;

/**
 * Renegotiation is refused in both directions (RFC 5746 §4.2, §4.4): after the handshake a
 * HelloRequest to the client and a ClientHello to the server each get a no_renegotiation warning,
 * nothing else is sent or computed, and the connection stays in its traffic state.
 */
class Tls12RenegotiationTest {

    /** Records what a state asks of its connection. */
    private static final class Recorder implements HandshakeOutput {
        final List<AlertDescription> warnings = new ArrayList<>();
        int handshakeMessages;

        @Override public void sendHandshake(byte[] encoded) { handshakeMessages++; }
        @Override public void sendChangeCipherSpec() { throw new AssertionError("no ccs"); }
        @Override public void installReadKeys(CipherSuite s, TrafficSecret t, boolean a) { throw new AssertionError(); }
        @Override public void installWriteKeys(CipherSuite s, TrafficSecret t, boolean a) { throw new AssertionError(); }
        @Override public void keyUpdateReceived(boolean u) { throw new AssertionError(); }
        @Override public void handshakeComplete(SessionInfo session) { throw new AssertionError(); }
        @Override public void ticketReceived(StoredTicket ticket) { throw new AssertionError(); }
        @Override public long nowMillis() { return 0; }
        @Override public void sendWarningAlert(AlertDescription d) { warnings.add(d); }
    }

    private static HandshakeInput input(HandshakeMessage m) throws TlsFailure {
        byte[] encoded = m.encode();
        RawHandshake raw = new RawHandshake(encoded[0] & 0xFF, java.util.Arrays.copyOfRange(encoded, 4, encoded.length),
                encoded);
        return new HandshakeInput(raw, HandshakeMessages12.decode12(raw));
    }

    @Test
    void clientAnswersHelloRequestWithNoRenegotiation() throws Exception {
        Recorder out = new Recorder();
        Client12State traffic = new ClientTraffic12();
        for (int i = 0; i < 3; i++) {
            assertSame(traffic, traffic.handle(input(new HelloRequest()), out));
        }
        assertEquals(List.of(AlertDescription.NO_RENEGOTIATION, AlertDescription.NO_RENEGOTIATION,
                AlertDescription.NO_RENEGOTIATION), out.warnings);
        assertEquals(0, out.handshakeMessages);
    }

    @Test
    void serverAnswersClientHelloWithNoRenegotiation() throws Exception {
        Recorder out = new Recorder();
        Server12State traffic = new ServerTraffic12();
        ClientHello ch = new ClientHello(ProtocolVersion.TLS12, new byte[32], new byte[0],
                List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), new byte[] {0},
                Extensions.of(Tls12Policy.clientHelloExtensions()));
        assertSame(traffic, traffic.handle(input(ch), out));
        assertEquals(List.of(AlertDescription.NO_RENEGOTIATION), out.warnings);
        assertEquals(0, out.handshakeMessages);
    }

    @Test
    void otherMessagesAfterTheHandshakeAreUnexpected() throws Exception {
        Recorder out = new Recorder();
        TlsFailure f = assertThrows(TlsFailure.class,
                () -> new ServerTraffic12().handle(input(new HelloRequest()), out));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
    }
}
