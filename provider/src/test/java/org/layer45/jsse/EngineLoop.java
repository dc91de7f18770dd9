package org.layer45.jsse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives two SSLEngines against each other in memory, the way a non-blocking transport does:
 * wrap while NEED_WRAP, hand the bytes over, unwrap one record at a time. Buffers are sized from the
 * sessions (never resized), so a size that forces a retry loop fails the test. Records every result.
 */
final class EngineLoop {
    final SSLEngine client;
    final SSLEngine server;
    final boolean direct;
    final List<String> log = new ArrayList<>();
    final ByteBuffer toServer;
    final ByteBuffer toClient;
    final ByteBuffer clientApp;
    final ByteBuffer serverApp;
    boolean clientFinished;
    boolean serverFinished;
    /** The first bytes the server wrapped (its ServerHello record), for tests that need its random. */
    byte[] serverFirstFlight;

    EngineLoop(SSLEngine client, SSLEngine server, boolean direct) {
        this.client = client;
        this.server = server;
        this.direct = direct;
        int net = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        toServer = alloc(net * 4);
        toClient = alloc(net * 4);
        clientApp = alloc(app);
        serverApp = alloc(app);
        toServer.flip();
        toClient.flip();
    }

    private ByteBuffer alloc(int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    /** Runs both handshakes to completion (or throws the first SSLException). */
    EngineLoop handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200 && !(done(client) && done(server)); i++) {
            step(client, toServer, toClient, clientApp, true);
            step(server, toClient, toServer, serverApp, false);
        }
        if (!(done(client) && done(server))) {
            throw new AssertionError("handshake did not finish: " + log);
        }
        settle(client, toClient, clientApp);
        settle(server, toServer, serverApp);
        return this;
    }

    /** Unwraps post-handshake records already sent (NewSessionTicket), so later records are in order. */
    private void settle(SSLEngine e, ByteBuffer in, ByteBuffer app) throws SSLException {
        while (in.hasRemaining()) {
            SSLEngineResult r = e.unwrap(in, app);
            log.add("settle unwrap: " + r.getStatus() + " " + r.bytesConsumed());
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    /** One turn of one engine: run tasks, wrap everything queued, unwrap what arrived. */
    private void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app, boolean isClient)
            throws SSLException {
        String who = isClient ? "client" : "server";
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            out.compact();
            int before = out.position();
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            if (!isClient && serverFirstFlight == null && r.bytesProduced() > 0) {
                serverFirstFlight = new byte[r.bytesProduced()];
                out.duplicate().position(before).get(serverFirstFlight);
            }
            out.flip();
            note(who + " wrap", r, isClient);
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        while (in.hasRemaining()) {
            SSLEngineResult r = e.unwrap(in, app);
            note(who + " unwrap", r, isClient);
            while ((task = e.getDelegatedTask()) != null) {
                task.run();
            }
            if (r.getStatus() != SSLEngineResult.Status.OK || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                break;
            }
        }
    }

    private void note(String what, SSLEngineResult r, boolean isClient) {
        log.add(what + ": " + r.getStatus() + "/" + r.getHandshakeStatus() + " " + r.bytesConsumed() + "->"
                + r.bytesProduced());
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            if (isClient) {
                clientFinished = true;
            } else {
                serverFinished = true;
            }
        }
    }

    /** Sends {@code data} from one engine and returns what the other decrypts. */
    byte[] send(boolean fromClient, byte[] data) throws SSLException {
        SSLEngine from = fromClient ? client : server;
        SSLEngine to = fromClient ? server : client;
        ByteBuffer wire = fromClient ? toServer : toClient;
        ByteBuffer app = fromClient ? serverApp : clientApp;
        ByteBuffer src = ByteBuffer.wrap(data);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        while (src.hasRemaining() || wire.hasRemaining()) {
            if (src.hasRemaining()) {
                wire.compact();
                SSLEngineResult r = from.wrap(src, wire);
                wire.flip();
                note("wrap", r, fromClient);
            }
            while (wire.hasRemaining()) {
                SSLEngineResult r = to.unwrap(wire, app);
                note("unwrap", r, !fromClient);
                app.flip();
                byte[] chunk = new byte[app.remaining()];
                app.get(chunk);
                app.clear();
                received.write(chunk, 0, chunk.length);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
                flushPostHandshake(to, fromClient ? toClient : toServer);
            }
            flushPostHandshake(from, fromClient ? toServer : toClient);
        }
        return received.toByteArray();
    }

    /** Post-handshake messages (tickets, KeyUpdate answers) wrapped when an engine asks for NEED_WRAP. */
    private void flushPostHandshake(SSLEngine e, ByteBuffer out) throws SSLException {
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            out.compact();
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            if (r.bytesProduced() == 0) {
                break;
            }
        }
    }
}
