package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.CertificateSelector;
import org.layer45.message.EncryptedExtensions;
import org.layer45.message.Finished;
import org.layer45.message.KeyUpdate;
import org.layer45.message.extension.Extensions;

/** Messages out of order in plaintext states → unexpected_message, and the connection is terminal. */
class UnexpectedMessageTest {

    private static ByteBuffer handshakeRecord(byte[] message) {
        ByteBuffer b = ByteBuffer.allocate(5 + message.length);
        b.put((byte) 22).put((byte) 3).put((byte) 3).putShort((short) message.length).put(message).flip();
        return b;
    }

    @Test
    void serverExpectClientHelloRefusesOthers() throws Exception {
        for (byte[] msg : List.of(new Finished(new byte[32]).encode(), new KeyUpdate(false).encode(),
                new EncryptedExtensions(Extensions.EMPTY).encode())) {
            ServerConnection server = new ServerConnection(Config.builder()
                    .certificateSelector(CertificateSelector.none()).build());
            assertEquals("ExpectClientHello", server.stateName());
            TlsFailure f = assertThrows(TlsFailure.class,
                    () -> server.processRecord(handshakeRecord(msg), ByteBuffer.allocate(100)));
            assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
            assertSame(f, assertThrows(TlsFailure.class,
                    () -> server.processRecord(handshakeRecord(msg), ByteBuffer.allocate(100))));
            ByteBuffer alert = ByteBuffer.allocate(100);
            server.drainPendingOutput(alert);
            assertEquals(7, alert.position()); // exactly one plaintext fatal alert record
        }
    }

    @Test
    void clientExpectServerHelloRefusesOthers() throws Exception {
        ClientConnection client = new ClientConnection(Config.builder().build());
        client.start();
        assertEquals("ExpectServerHello", client.stateName());
        TlsFailure f = assertThrows(TlsFailure.class, () -> client.processRecord(
                handshakeRecord(new EncryptedExtensions(Extensions.EMPTY).encode()), ByteBuffer.allocate(100)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
    }

    @Test
    void applicationDataBeforeHandshakeIsUnexpected() throws Exception {
        ServerConnection server = new ServerConnection(Config.builder().build());
        ByteBuffer rec = ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 2, 1, 2});
        TlsFailure f = assertThrows(TlsFailure.class, () -> server.processRecord(rec, ByteBuffer.allocate(100)));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, f.alert());
    }
}
