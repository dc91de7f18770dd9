package org.layer45.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * Moves bytes in memory between a JDK SSLEngine (SunJSSE) and a Layer45 connection until quiet, and
 * carries application data either way; what each side received is kept for assertions.
 */
final class EnginePump {
    final SSLEngine engine;
    final Connection ours;
    final ByteBuffer toEngine = ByteBuffer.allocate(1 << 18).flip();
    final ByteBuffer toOurs = ByteBuffer.allocate(1 << 18).flip();
    final ByteArrayOutputStream oursReceived = new ByteArrayOutputStream();
    final ByteArrayOutputStream engineReceived = new ByteArrayOutputStream();

    EnginePump(SSLEngine engine, Connection ours) {
        this.engine = engine;
        this.ours = ours;
    }

    void run() throws Exception {
        for (int i = 0; i < 200; i++) {
            boolean moved = engineWrap() | deliverToOurs() | oursOutput() | engineUnwrap();
            if (!moved) {
                return;
            }
        }
        throw new IllegalStateException("pump did not settle");
    }

    private boolean engineWrap() throws Exception {
        boolean moved = false;
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), net);
            net.flip();
            toOurs.compact().put(net).flip();
            moved = true;
            runTasks();
        }
        return moved;
    }

    private boolean deliverToOurs() throws Exception {
        boolean moved = false;
        int len;
        while (ours.failure() == null && (len = ours.nextRecordLength(toOurs)) >= 0 && len <= toOurs.remaining()) {
            ByteBuffer app = ByteBuffer.allocate(1 << 17);
            ours.processRecord(toOurs, app);
            oursReceived.write(app.array(), 0, app.position());
            moved = true;
        }
        return moved;
    }

    private boolean oursOutput() throws Exception {
        if (!ours.hasPendingOutput()) {
            return false;
        }
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        ours.drainPendingOutput(net);
        net.flip();
        toEngine.compact().put(net).flip();
        return true;
    }

    private boolean engineUnwrap() throws Exception {
        boolean moved = false;
        while (toEngine.hasRemaining()) {
            ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            SSLEngineResult r = engine.unwrap(toEngine, app);
            runTasks();
            app.flip();
            engineReceived.write(app.array(), 0, app.limit());
            if (r.bytesConsumed() == 0) {
                break;
            }
            moved = true;
        }
        return moved;
    }

    private void runTasks() {
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            t.run();
        }
    }

    void fromEngine(byte[] data) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.wrap(data), net);
        net.flip();
        toOurs.compact().put(net).flip();
        deliverToOurs();
    }

    void fromOurs(byte[] data) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(ours.maxSealedRecordSize());
        ours.sealApplicationData(new ByteBuffer[] {ByteBuffer.wrap(data)}, 0, 1, net);
        net.flip();
        toEngine.compact().put(net).flip();
        engineUnwrap();
    }
}
