package org.layer45.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;

/**
 * A tiny in-memory transport for tests: moves bytes both ways between a client and a server until
 * nothing moves. Failures of either side are recorded (their alert still travels to the peer).
 */
final class Pump {
    final ClientConnection client;
    final ServerConnection server;
    final Side clientSide = new Side();
    final Side serverSide = new Side();
    /** Every record the client sent, in order (for inspection). */
    final List<byte[]> clientRecords = new ArrayList<>();

    /** Per-connection transport state. */
    static final class Side {
        ByteBuffer inbound = ByteBuffer.allocate(1 << 18).flip();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        TlsFailure failure;

        byte[] takeReceived() {
            byte[] b = received.toByteArray();
            received.reset();
            return b;
        }
    }

    Pump(Config clientConfig, Config serverConfig) {
        this(new ClientConnection(clientConfig), new ServerConnection(serverConfig));
    }

    Pump(ClientConnection client, ServerConnection server) {
        this.client = client;
        this.server = server;
    }

    /** Starts the client and pumps until quiet. */
    Pump handshake() throws TlsFailure {
        client.start();
        run();
        return this;
    }

    /** Moves bytes until quiet. */
    void run() {
        for (int i = 0; i < 1000; i++) {
            boolean moved = move(client, server, serverSide);
            moved |= move(server, client, clientSide);
            if (!moved) {
                return;
            }
        }
        throw new IllegalStateException("pump did not settle");
    }

    /** Sends application data from {@code from} (sealed in records of up to 2^14 bytes). */
    void send(Connection from, byte[] data) throws TlsFailure {
        ByteBuffer src = ByteBuffer.wrap(data);
        Side to = from == client ? serverSide : clientSide;
        while (src.hasRemaining()) {
            ByteBuffer net = ByteBuffer.allocate(from.maxSealedRecordSize() + (1 << 16));
            from.sealApplicationData(new ByteBuffer[] {src}, 0, 1, net);
            deliver(net.flip(), to);
        }
    }

    private boolean move(Connection from, Connection to, Side side) {
        if (!from.hasPendingOutput()) {
            return false;
        }
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        try {
            from.drainPendingOutput(net);
        } catch (TlsFailure f) {
            return false;
        }
        deliver(net.flip(), side);
        return true;
    }

    private void deliver(ByteBuffer bytes, Side side) {
        Connection to = side == serverSide ? server : client;
        if (to == server && bytes.hasRemaining()) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            clientRecords.add(copy);
        }
        ByteBuffer in = side.inbound;
        in.compact().put(bytes).flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 15);
        while (side.failure == null) {
            try {
                int len = to.nextRecordLength(in);
                if (len < 0) {
                    return;
                }
                app.clear();
                to.processRecord(in, app);
                side.received.write(app.array(), 0, app.position());
            } catch (TlsFailure f) {
                side.failure = f;
            }
        }
    }
}
