package org.layer45.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.layer45.interop.TlsHellos.ClientHello;
import org.layer45.interop.TlsHellos.ServerHello;

/**
 * A loopback TCP relay between a TLS client and a server that records what a network observer
 * sees: the cleartext hellos (decoded by {@link TlsHellos}), whether the server sent a cleartext
 * Certificate (a TLS 1.2 full handshake) and the type and length of every other record. Bytes are
 * inspected before they are forwarded, so when a record reaches its receiver the tap has already
 * decoded it. End of stream and half-close pass through, so close_notify tests see the real order.
 *
 * <p>Why record lengths: every AEAD suite here has a 16-byte tag, so a TLS 1.3 encrypted record of
 * 22 bytes plus the sender's padding is a KeyUpdate (4-byte header + 1-byte body + content type +
 * tag, RFC 8446 §4.6.3 / §5.2) and one of 19 bytes plus padding an alert such as close_notify
 * (2 + 1 + 16). Padding (RFC 8446 §5.4) is constant per implementation: SunJSSE adds 16 zero bytes
 * to every record, the others none ({@link TlsStack#tls13Padding()}). Tests never send application
 * data short enough to collide with those lengths.
 */
final class WireTap implements AutoCloseable {
    static final int TLS13_KEY_UPDATE_RECORD = 22;
    static final int TLS13_ALERT_RECORD = 19;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Flow> flows = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Starts relaying 127.0.0.1:{@link #port()} to 127.0.0.1:{@code targetPort}. */
    WireTap(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "wiretap-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        try {
            while (!listener.isClosed()) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Flow flow = new Flow(client, server);
                flows.add(flow);
                flow.start();
            }
        } catch (IOException e) {
            // The listener was closed by close(): no more connections to relay.
        }
    }

    /** The {@code index}-th relayed connection, waiting up to 10 s for it to be accepted. */
    Flow connection(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (flows.size() <= index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the tap saw only " + flows.size() + " connection(s), wanted " + (index + 1));
            }
            Thread.sleep(5);
        }
        return flows.get(index);
    }

    int connectionCount() {
        return flows.size();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Flow f : flows) {
            f.closeSockets();
        }
    }

    /** One relayed TCP connection: what passed in each direction. */
    static final class Flow {
        private final Socket client;
        private final Socket server;
        final Direction fromClient = new Direction(true);
        final Direction fromServer = new Direction(false);
        private final CountDownLatch ended = new CountDownLatch(2);
        private volatile int version;

        Flow(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, fromClient);
            pump(server, client, fromServer);
        }

        private void pump(Socket from, Socket to, Direction d) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[1 << 16];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to.getOutputStream();
                    boolean forwarding = true;
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        d.feed(buf, n, this);
                        forwarding = forwarding && forward(out, buf, n, d);
                    }
                    d.eof = true;
                    if (forwarding) {
                        to.shutdownOutput(); // pass the half-close on (TLS 1.3 allows half-closed connections)
                    }
                } catch (IOException e) {
                    d.ioError = e.toString();
                    closeSockets();
                } finally {
                    ended.countDown();
                    if (ended.getCount() == 0) {
                        closeSockets();
                    }
                }
            }, "wiretap-" + (d.client ? "c2s" : "s2c"));
            t.setDaemon(true);
            t.start();
        }

        /**
         * Passes bytes on; false once the receiver is gone (e.g. it closed after its close_notify), after
         * which the sender's further records are still read and recorded, up to its own end of stream.
         */
        private static boolean forward(OutputStream out, byte[] buf, int n, Direction d) {
            try {
                out.write(buf, 0, n);
                out.flush();
                return true;
            } catch (IOException receiverGone) {
                d.ioError = "forwarding: " + receiverGone;
                return false;
            }
        }

        void closeSockets() {
            for (Socket s : new Socket[] {client, server}) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a relay socket that is already gone; nothing else to release
                    continue;
                }
            }
        }

        /** Waits until both directions reached end of stream (or failed). */
        Flow awaitEnd(long timeoutMillis) throws InterruptedException {
            if (!ended.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("relayed connection still open after " + timeoutMillis + " ms");
            }
            return this;
        }

        /** The negotiated version as the ServerHello (or HRR) announced it; 0 before it passed. */
        int version() {
            return version;
        }

        List<ClientHello> clientHellos() {
            return fromClient.clientHellos;
        }

        List<ServerHello> serverHellos() {
            return fromServer.serverHellos;
        }

        boolean helloRetried() {
            return serverHellos().stream().anyMatch(ServerHello::retryRequest);
        }

        /**
         * Asserts a HelloRetryRequest to {@code group} (RFC 8446 §4.1.4) on the first connection
         * attempt: the first ClientHello has no share for it, the first ServerHello is an HRR that
         * selects it, and the second ClientHello shares exactly it. Returns that story for the matrix.
         */
        String assertHelloRetryTo(String group) {
            int code = TlsHellos.groupCode(group);
            if (clientHellos().size() != 2 || serverHellos().isEmpty()) {
                throw new AssertionError("two ClientHellos and a HelloRetryRequest expected: " + this);
            }
            List<Integer> firstShares = clientHellos().get(0).keyShareGroups();
            ServerHello hrr = serverHellos().get(0);
            if (firstShares.contains(code) || !hrr.retryRequest() || hrr.group() != code
                    || !clientHellos().get(1).keyShareGroups().equals(List.of(code))) {
                throw new AssertionError("no HelloRetryRequest to " + group + " between shares " + firstShares
                        + " and a second share for it: " + this);
            }
            return "tap: first ClientHello shares " + TlsHellos.groupNames(firstShares)
                    + "; HelloRetryRequest selected " + group + "; second ClientHello shares " + group;
        }

        /** The group the server's key share used: ServerHello key_share (1.3) or ServerKeyExchange (1.2). */
        int negotiatedGroup() {
            return version == 0x0303 ? fromServer.serverKeyExchangeGroup : serverHello().group();
        }

        /** The ServerHello that is not a HelloRetryRequest. */
        ServerHello serverHello() {
            return serverHellos().stream().filter(h -> !h.retryRequest()).findFirst()
                    .orElseThrow(() -> new AssertionError("no ServerHello on the wire; " + this));
        }

        @Override
        public String toString() {
            return "Flow[client hellos " + clientHellos() + ", server hellos " + serverHellos() + ", from client "
                    + fromClient.records + ", from server " + fromServer.records + ", errors " + fromClient.parseError
                    + "/" + fromServer.parseError + "]";
        }
    }

    /** What one direction carried. */
    static final class Direction {
        final boolean client;
        final List<ClientHello> clientHellos = new CopyOnWriteArrayList<>();
        final List<ServerHello> serverHellos = new CopyOnWriteArrayList<>();
        /** Every record that was not decoded as a cleartext handshake message: {type, length}. */
        final List<int[]> records = new CopyOnWriteArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                StringBuilder b = new StringBuilder("[");
                forEach(r -> b.append(r[0]).append(':').append(r[1]).append(' '));
                return b.append(']').toString();
            }
        };
        volatile boolean certificateInClear;
        /** TLS 1.2: the named curve of the ServerKeyExchange (RFC 8422 §5.4), -1 if none passed. */
        volatile int serverKeyExchangeGroup = -1;
        volatile boolean eof;
        volatile String ioError;
        volatile String parseError;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        private boolean changeCipherSpecSeen;

        Direction(boolean client) {
            this.client = client;
        }

        /** Lengths of the encrypted (application_data) records, in order. */
        List<Integer> encryptedRecordLengths() {
            List<Integer> out = new ArrayList<>();
            records.stream().filter(r -> r[0] == 23).forEach(r -> out.add(r[1]));
            return out;
        }

        /** TLS 1.3 KeyUpdate messages sent in this direction by a sender padding each record by {@code padding}. */
        long keyUpdates(int padding) {
            return encryptedRecordLengths().stream().filter(n -> n == TLS13_KEY_UPDATE_RECORD + padding).count();
        }

        /** Whether the last record before end of stream was a TLS 1.3 encrypted alert (close_notify). */
        boolean endedWithTls13Alert(int padding) {
            List<Integer> enc = encryptedRecordLengths();
            return eof && !enc.isEmpty() && enc.get(enc.size() - 1) == TLS13_ALERT_RECORD + padding
                    && records.get(records.size() - 1)[0] == 23;
        }

        void feed(byte[] buf, int n, Flow flow) {
            if (parseError != null) {
                return;
            }
            try {
                pending.write(buf, 0, n);
                ByteBuffer b = ByteBuffer.wrap(pending.toByteArray());
                while (b.remaining() >= 5) {
                    int type = b.get(b.position()) & 0xff;
                    int length = b.getShort(b.position() + 3) & 0xffff;
                    if (b.remaining() < 5 + length) {
                        break;
                    }
                    b.position(b.position() + 5);
                    ByteBuffer payload = b.slice();
                    payload.limit(length);
                    b.position(b.position() + length);
                    record(type, length, payload, flow);
                }
                byte[] rest = new byte[b.remaining()];
                b.get(rest);
                pending.reset();
                pending.write(rest, 0, rest.length);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                parseError = e.toString();
            }
        }

        private void record(int type, int length, ByteBuffer payload, Flow flow) {
            if (type == CHANGE_CIPHER_SPEC) {
                changeCipherSpecSeen = true;
            }
            // TLS 1.3 encrypts handshake messages under the outer type application_data (RFC 8446
            // §5.2), so its handshake records are always cleartext; TLS 1.2 encrypts after CCS.
            boolean cleartextHandshake = type == HANDSHAKE
                    && !(changeCipherSpecSeen && flow.version == 0x0303);
            if (!cleartextHandshake) {
                records.add(new int[] {type, length});
                return;
            }
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            handshake.write(bytes, 0, bytes.length);
            ByteBuffer h = ByteBuffer.wrap(handshake.toByteArray());
            while (h.remaining() >= 4) {
                int msgType = h.get(h.position()) & 0xff;
                int msgLen = ((h.get(h.position() + 1) & 0xff) << 16) | (h.getShort(h.position() + 2) & 0xffff);
                if (h.remaining() < 4 + msgLen) {
                    break;
                }
                h.position(h.position() + 4);
                ByteBuffer body = h.slice();
                body.limit(msgLen);
                h.position(h.position() + msgLen);
                message(msgType, body, flow);
            }
            byte[] rest = new byte[h.remaining()];
            h.get(rest);
            handshake.reset();
            handshake.write(rest, 0, rest.length);
        }

        private void message(int msgType, ByteBuffer body, Flow flow) {
            if (client && msgType == 1) {
                clientHellos.add(TlsHellos.clientHello(body));
            } else if (!client && msgType == 2) {
                ServerHello sh = TlsHellos.serverHello(body);
                flow.version = sh.version();
                serverHellos.add(sh);
            } else if (!client && msgType == 11) {
                certificateInClear = true;
            } else if (!client && msgType == 12 && body.remaining() >= 3 && body.get(0) == 3) {
                serverKeyExchangeGroup = body.getShort(1) & 0xffff; // ECCurveType named_curve
            }
        }
    }
}
