package org.layer45.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * A client and a server SSLEngine talking through heap ByteBuffers on one thread, as the
 * benchmarks need: no sockets, no threads, delegated tasks run inline. Handshakes until both sides
 * are done, then delivers the server's first byte of application data and with it whatever follows
 * the handshake (TLS 1.3 NewSessionTicket), so the client can resume next time.
 */
final class EnginePair {
    /** Big enough for a whole flight with an RSA chain; records are consumed one per unwrap. */
    private static final int NET_CAPACITY = 1 << 16;
    /** A handshake that has not finished after this many rounds is stuck, not slow. */
    private static final int MAX_ROUNDS = 200;

    final SSLEngine client;
    final SSLEngine server;
    private final ByteBuffer clientToServer = ByteBuffer.allocate(NET_CAPACITY);
    private final ByteBuffer serverToClient = ByteBuffer.allocate(NET_CAPACITY);
    private final ByteBuffer clientApp;
    private final ByteBuffer serverApp;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final byte[] FIRST_BYTE = {'H'};
    /** When not null, every byte the server sends during the handshake (for {@link ServerFlight}). */
    private ByteArrayOutputStream serverBytes;

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        clientApp = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() + 1024);
        serverApp = ByteBuffer.allocate(server.getSession().getApplicationBufferSize() + 1024);
    }

    /** Keeps a copy of the server's handshake bytes, to read the negotiation from the wire. */
    EnginePair recordServerBytes() {
        serverBytes = new ByteArrayOutputStream();
        return this;
    }

    byte[] serverBytes() {
        return serverBytes.toByteArray();
    }

    /** Runs the handshake to completion on both sides. */
    EnginePair handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; !(done(client) && done(server)); round++) {
            if (round == MAX_ROUNDS) {
                throw new SSLException("handshake stuck: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
            wrapWhileNeeded(client, clientToServer, null);
            unwrapAll(server, clientToServer, serverApp);
            wrapWhileNeeded(server, serverToClient, serverBytes);
            unwrapAll(client, serverToClient, clientApp);
        }
        // RFC 8446 §4.6.1: a TLS 1.3 server sends its tickets after the handshake. BoringSSL
        // (Conscrypt) queues them until the server's first application data, so the server sends
        // one byte, as a server's first response would, and the client reads it with the ticket.
        wrap(server, ByteBuffer.wrap(FIRST_BYTE), serverToClient);
        unwrapAll(client, serverToClient, clientApp);
        return this;
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    private static void wrapWhileNeeded(SSLEngine e, ByteBuffer out, ByteArrayOutputStream copy) throws SSLException {
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            int before = out.position();
            SSLEngineResult r = wrap(e, EMPTY, out);
            if (copy != null) {
                copy.write(out.array(), before, out.position() - before);
            }
            if (r.bytesProduced() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                throw new SSLException("wrap made no progress: " + r);
            }
        }
    }

    private static SSLEngineResult wrap(SSLEngine e, ByteBuffer src, ByteBuffer out) throws SSLException {
        SSLEngineResult r = e.wrap(src, out);
        if (r.getStatus() != Status.OK && r.getStatus() != Status.CLOSED) {
            throw new SSLException("wrap: " + r);
        }
        runTasks(e, r);
        return r;
    }

    /** Delivers every complete record in {@code in} (write mode) to {@code e}, one per unwrap. */
    private static void unwrapAll(SSLEngine e, ByteBuffer in, ByteBuffer app) throws SSLException {
        in.flip();
        try {
            while (in.hasRemaining()) {
                app.clear();
                SSLEngineResult r = e.unwrap(in, app);
                runTasks(e, r);
                if (r.getStatus() == Status.BUFFER_UNDERFLOW || r.bytesConsumed() == 0) {
                    break;
                }
                if (r.getStatus() != Status.OK) {
                    throw new SSLException("unwrap: " + r);
                }
            }
        } finally {
            in.compact();
        }
    }

    private static void runTasks(SSLEngine e, SSLEngineResult r) {
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            for (Runnable task; (task = e.getDelegatedTask()) != null; ) {
                task.run();
            }
        }
    }
}
