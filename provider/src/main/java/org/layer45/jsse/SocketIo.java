package org.layer45.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The blocking I/O of one {@link EngineSocket}: it drives the {@link Engine} over the raw streams.
 * Three {@link ReentrantLock}s, always taken in this order: {@code handshake} → {@code read} /
 * {@code write}. A reader and a writer run at once (each holds only its own lock across blocking
 * I/O); no monitor is ever held, so virtual threads do not pin (JEP 444).
 */
final class SocketIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final EngineSocket socket;
    private final Engine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AppInput input = new AppInput();
    private final AppOutput output = new AppOutput();
    /** Received bytes, in read mode. */
    private ByteBuffer netIn = ByteBuffer.allocate(Session.PACKET_BUFFER_SIZE);
    /** Decrypted bytes not yet read by the application, in read mode. */
    private final ByteBuffer appIn = ByteBuffer.allocate(Session.APPLICATION_BUFFER_SIZE);
    private final ByteBuffer netOut = ByteBuffer.allocate(Session.PACKET_BUFFER_SIZE);
    private volatile boolean started;
    private volatile boolean handshakeDone;
    private volatile boolean eof;

    SocketIo(EngineSocket socket, Engine engine, InputStream rawIn, OutputStream rawOut) {
        this.socket = socket;
        this.engine = engine;
        this.rawIn = rawIn;
        this.rawOut = rawOut;
        netIn.flip();
        appIn.flip();
    }

    InputStream input() {
        return input;
    }

    OutputStream output() {
        return output;
    }

    /** SSLSocket.startHandshake: the first handshake, or (TLS 1.3) a KeyUpdate on an established one. */
    void startHandshake() throws IOException {
        if (handshakeDone) {
            engine.beginHandshake();
            flush();
            return;
        }
        handshake();
    }

    /** Runs the first handshake if it has not run yet; every read, write and getSession comes here first. */
    void handshake() throws IOException {
        if (handshakeDone) {
            return;
        }
        handshakeLock.lock();
        try {
            if (handshakeDone) {
                return;
            }
            if (!started) {
                started = true;
                engine.beginHandshake();
            }
            runHandshake();
        } finally {
            handshakeLock.unlock();
        }
        socket.handshakeCompleted();
    }

    private void runHandshake() throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_WRAP) {
                flush();
            } else if (hs == HandshakeStatus.NEED_UNWRAP) {
                readLock.lock();
                try {
                    if (!readRecord(true)) {
                        throw new SSLHandshakeException("remote host terminated the handshake");
                    }
                } finally {
                    readLock.unlock();
                }
            } else {
                break;
            }
        }
        if ("NONE".equals(engine.getSession().getProtocol())) {
            throw new SSLHandshakeException("connection closed during the handshake");
        }
        handshakeDone = true;
    }

    /**
     * Unwraps one record into {@link #appIn} (read lock held), reading from the network as needed.
     * Answers post-handshake messages that need a reply (KeyUpdate, RFC 8446 §4.6.3).
     *
     * @return false at the end of the stream (close_notify or EOF)
     */
    private boolean readRecord(boolean handshaking) throws IOException {
        while (true) {
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                appIn.flip();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    if (!fill()) {
                        endOfStream(handshaking);
                        return false;
                    }
                }
                case CLOSED -> {
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        return true; // a failure: the caller flushes the alert, then unwrap throws
                    }
                    eof = true;
                    return r.bytesProduced() > 0;
                }
                case BUFFER_OVERFLOW -> {
                    return true; // appIn still holds data for the application
                }
                default -> {
                    if (!handshaking && r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        flush();
                    }
                    return true;
                }
            }
        }
    }

    /** TCP EOF without close_notify: inbound closed; a truncated handshake is an error. */
    private void endOfStream(boolean handshaking) throws IOException {
        eof = true;
        try {
            engine.closeInbound();
        } catch (SSLException truncation) {
            // RFC 8446 §6.1: EOF without close_notify may be a truncation attack; the stream just ends,
            // as SunJSSE's SSLSocket does. During the handshake it is reported below instead.
            if (handshaking) {
                SSLHandshakeException e = new SSLHandshakeException("remote host terminated the handshake");
                e.initCause(truncation);
                throw e;
            }
        }
    }

    /** Reads more network bytes into {@link #netIn}; false at EOF. */
    private boolean fill() throws IOException {
        netIn.compact();
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        int n;
        try {
            n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        } catch (IOException e) {
            netIn.flip(); // keep what we have for a retry after SocketTimeoutException
            throw e;
        }
        if (n > 0) {
            netIn.position(netIn.position() + n);
        }
        netIn.flip();
        return n >= 0;
    }

    /** Wraps and sends everything the engine has queued (handshake flights, alerts, KeyUpdate). */
    private void flush() throws IOException {
        writeLock.lock();
        try {
            flushLocked();
        } finally {
            writeLock.unlock();
        }
    }

    private void flushLocked() throws IOException {
        SSLEngineResult r;
        do {
            netOut.clear();
            r = engine.wrap(EMPTY, netOut);
            send();
        } while (r.bytesProduced() > 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
    }

    private void send() throws IOException {
        netOut.flip();
        if (netOut.hasRemaining()) {
            rawOut.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            rawOut.flush();
        }
    }

    /**
     * close / shutdownOutput: queue close_notify and send it if the write lock is free within the
     * wait (a negative wait blocks); a writer stuck in a blocking write is not waited for, so close()
     * during a handshake or a stalled write never hangs.
     */
    void sendCloseNotify(long wait, TimeUnit unit) throws IOException {
        engine.closeOutbound();
        boolean locked;
        try {
            locked = wait < 0 ? lockNow() : writeLock.tryLock(wait, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!locked) {
            return;
        }
        try {
            flushLocked();
        } catch (SocketException alreadyClosed) {
            // the peer or another thread closed the socket first: nothing left to tell the peer
            eof = true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Before the TCP close: discard received bytes nobody will read (typically NewSessionTickets on a
     * client that only wrote), since closing a socket with unread input makes the kernel send RST,
     * which can destroy data still in flight to the peer ("Connection reset" on its last reads).
     */
    void discardUnreadInput() {
        if (!readLock.tryLock()) {
            return; // a reader is active: it owns the input
        }
        try {
            byte[] sink = new byte[4096];
            int n;
            while ((n = rawIn.available()) > 0 && rawIn.read(sink, 0, Math.min(n, sink.length)) > 0) {
                eof = true;
            }
        } catch (IOException alreadyBroken) {
            eof = true; // the connection is going away anyway
        } finally {
            readLock.unlock();
        }
    }

    private boolean lockNow() {
        writeLock.lock();
        return true;
    }

    void closeInbound() {
        eof = true;
        try {
            engine.closeInbound();
        } catch (SSLException truncation) {
            // shutdownInput is the application's own choice: no truncation to report
            eof = true;
        }
    }

    /** Application data in. */
    private final class AppInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            handshake();
            readLock.lock();
            try {
                while (!appIn.hasRemaining()) {
                    if (eof || !readRecord(false) && !appIn.hasRemaining()) {
                        return -1;
                    }
                }
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                return n;
            } finally {
                readLock.unlock();
            }
        }

        @Override
        public int available() {
            return appIn.remaining();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Application data out: one record per up to 2^14 bytes. */
    private final class AppOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            handshake();
            writeLock.lock();
            try {
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                while (src.hasRemaining()) {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(src, netOut);
                    if (r.getStatus() == Status.CLOSED) {
                        throw new SocketException("socket output is closed");
                    }
                    send();
                }
            } finally {
                writeLock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
