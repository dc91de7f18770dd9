package org.layer45.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

import org.layer45.crypto.CryptoBackend;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.ContentType;
import org.layer45.keyschedule.TrafficKeys;
import org.layer45.keyschedule.TrafficSecret;
import org.layer45.message.HandshakeDefragmenter;
import org.layer45.record.RecordLimits;
import org.layer45.record.RecordProtection;
import org.layer45.record.RecordReader;

/**
 * One connection's record plumbing: the read and write protection with their traffic secrets (for
 * KeyUpdate), the queue of sealed outbound records, the handshake bytes waiting to be sealed, and
 * the handshake defragmenter. Buffers and queues are allocated when something goes in and dropped
 * when they are empty again, so an idle connection holds none (DESIGN.md §6).
 */
final class RecordLayer {
    /** The compatibility-mode ChangeCipherSpec record (RFC 8446 §5, §D.4). */
    private static final byte[] CCS_RECORD = {ContentType.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1};

    private final CryptoBackend backend;
    /** Sealed records not yet drained; null when there are none (an idle connection has none). */
    private ArrayDeque<ByteBuffer> outbound;
    private final HandshakeDefragmenter defragmenter = new HandshakeDefragmenter();
    /** Handshake bytes not yet sealed; null when there are none. */
    private ByteArrayOutputStream pendingHandshake;
    private RecordProtection read = RecordProtection.plaintext();
    private RecordProtection write = RecordProtection.plaintext();
    private TrafficSecret readSecret;
    private TrafficSecret writeSecret;
    private CipherSuite suite;
    private boolean applicationReadable;
    private boolean applicationWritable;
    /** Whether the read direction uses TLS 1.2 protection (its alerts are never plaintext). */
    private boolean read12;
    private ByteBuffer scratch;
    /** Set when the handshake completes: the next {@link #flushHandshake} releases the AEAD state. */
    private boolean releaseAfterFlush;

    RecordLayer(CryptoBackend backend) {
        this.backend = backend;
    }

    // ---- keys

    void installRead(CipherSuite suite, TrafficSecret secret, boolean application) throws TlsFailure {
        if (!defragmenter.isEmpty()) {
            // RFC 8446 §5.1: handshake messages MUST NOT span key changes → unexpected_message.
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.HANDSHAKE_NOT_ON_RECORD_BOUNDARY,
                    "handshake data before a key change not on a record boundary");
        }
        this.suite = suite;
        this.readSecret = secret;
        this.read = protection(suite, secret);
        this.applicationReadable = application;
    }

    void installWrite(CipherSuite suite, TrafficSecret secret, boolean application) throws TlsFailure {
        flushHandshake();
        this.suite = suite;
        this.writeSecret = secret;
        this.write = protection(suite, secret);
        this.applicationWritable = application;
    }

    /** TLS 1.2 (RFC 5246 §7.1): the peer's ChangeCipherSpec switches the read direction. */
    void installRead12(RecordProtection protection) throws TlsFailure {
        if (!defragmenter.isEmpty()) {
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.HANDSHAKE_NOT_ON_RECORD_BOUNDARY,
                    "change_cipher_spec inside a fragmented handshake message");
        }
        this.read = protection;
        this.read12 = true;
    }

    /** TLS 1.2: queues ChangeCipherSpec under the current keys, then protects what follows. */
    void changeWrite12(RecordProtection protection) throws TlsFailure {
        queueChangeCipherSpec();
        this.write = protection;
    }

    /** TLS 1.2: both Finished verified; application data flows both ways. */
    void enableApplicationData() {
        applicationReadable = true;
        applicationWritable = true;
    }

    /** RFC 8446 §7.2: application_traffic_secret_N+1 for the read direction. */
    void updateReadKeys() throws TlsFailure {
        installRead(suite, readSecret.next(), true);
    }

    /** RFC 8446 §7.2: application_traffic_secret_N+1 for the write direction. */
    void updateWriteKeys() throws TlsFailure {
        installWrite(suite, writeSecret.next(), true);
    }

    private RecordProtection protection(CipherSuite suite, TrafficSecret secret) throws TlsFailure {
        TrafficKeys keys = secret.keys(suite.aead());
        return RecordProtection.tls13(backend.aead(suite.aead(), keys.key()), keys.iv());
    }

    boolean applicationReadable() {
        return applicationReadable;
    }

    boolean applicationWritable() {
        return applicationWritable;
    }

    boolean writeNeedsKeyUpdate() {
        return write.needsKeyUpdate();
    }

    HandshakeDefragmenter defragmenter() {
        return defragmenter;
    }

    /**
     * Drops handshake-only buffers once the handshake is over (DESIGN.md §6: idle connections stay
     * small), and, once the handshake's last records are sealed, the AEAD state of both directions:
     * TLS 1.2 Finished messages key both application ciphers, a TLS 1.3 server's tickets key its write
     * cipher, and a direction that then stays idle need not keep an expanded key schedule. The next
     * record of a direction rebuilds its state, once.
     */
    void handshakeDone() {
        scratch = null;
        releaseAfterFlush = true;
    }

    // ---- outbound

    void queueHandshake(byte[] encoded) {
        if (encoded.length == 0) {
            return; // nothing to seal: no empty handshake record (RFC 8446 §5.1)
        }
        if (pendingHandshake == null) {
            pendingHandshake = new ByteArrayOutputStream(encoded.length);
        }
        pendingHandshake.write(encoded, 0, encoded.length);
    }

    /** Seals queued handshake bytes into records of at most 2^14 bytes under the current write keys. */
    void flushHandshake() throws TlsFailure {
        if (pendingHandshake != null) {
            byte[] bytes = pendingHandshake.toByteArray();
            pendingHandshake = null;
            queueRecord(ContentType.HANDSHAKE, bytes);
        }
        if (releaseAfterFlush) {
            releaseAfterFlush = false;
            read.releaseState();
            write.releaseState();
        }
    }

    /**
     * Seals the queued initial ClientHello with legacy_record_version 0x0301. RFC 8446 §5.1: it "MUST
     * be set to 0x0303 for all records generated by a TLS 1.3 implementation other than an initial
     * ClientHello (i.e., one not generated after a HelloRetryRequest), where it MAY also be 0x0301 for
     * compatibility purposes". Go, rustls, OpenSSL and browsers send 0x0301 there, for old servers and
     * middleboxes that reject a higher version in the first record; so do the RFC 8448 traces.
     */
    void flushInitialClientHello() throws TlsFailure {
        int before = outbound == null ? 0 : outbound.size();
        flushHandshake();
        if (outbound == null) {
            return;
        }
        int i = 0;
        for (ByteBuffer record : outbound) {
            if (i++ >= before) {
                record.put(record.position() + 2, (byte) 1);
            }
        }
    }

    /** Forgets handshake bytes not yet sealed (a failure cut the flight short). */
    void discardPendingHandshake() {
        pendingHandshake = null;
    }

    void queueRecord(int contentType, byte[] content) throws TlsFailure {
        ByteBuffer src = ByteBuffer.wrap(content);
        do {
            int n = Math.min(src.remaining(), RecordLimits.MAX_PLAINTEXT);
            ByteBuffer dst = ByteBuffer.allocate(write.maxRecordSize(n, 0));
            ByteBuffer part = src.slice();
            part.limit(n);
            write.seal(contentType, part, dst, 0);
            src.position(src.position() + n);
            dst.flip();
            enqueue(dst);
        } while (src.hasRemaining());
    }

    private void enqueue(ByteBuffer record) {
        if (outbound == null) {
            outbound = new ArrayDeque<>(4);
        }
        outbound.add(record);
    }

    void queueChangeCipherSpec() throws TlsFailure {
        flushHandshake();
        enqueue(ByteBuffer.wrap(CCS_RECORD.clone()));
    }

    boolean hasOutbound() {
        return outbound != null || pendingHandshake != null;
    }

    /** Copies queued records into {@code dst}, possibly ending inside a record. */
    int drain(ByteBuffer dst) throws TlsFailure {
        flushHandshake();
        int written = 0;
        while (outbound != null && dst.hasRemaining()) {
            ByteBuffer head = outbound.peek();
            int n = Math.min(head.remaining(), dst.remaining());
            ByteBuffer part = head.slice();
            part.limit(n);
            dst.put(part);
            head.position(head.position() + n);
            written += n;
            if (!head.hasRemaining()) {
                outbound.poll();
                if (outbound.isEmpty()) {
                    outbound = null;
                }
            }
        }
        return written;
    }

    int maxSealedRecordSize() {
        return write.maxRecordSize(RecordLimits.MAX_PLAINTEXT, 0);
    }

    /**
     * Seals one application_data record from {@code srcs} straight into {@code dst}: as many bytes as
     * fit (at most 2^14). A single source buffer is sealed in place; only data gathered from several
     * buffers goes through a staging buffer (allocated per such call).
     *
     * @return bytes consumed from {@code srcs}
     */
    int sealApplication(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws TlsFailure {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        int room = dst.remaining() - write.maxRecordSize(0, 0);
        int n = (int) Math.min(Math.min(total, RecordLimits.MAX_PLAINTEXT), room);
        if (n <= 0) {
            return 0;
        }
        ByteBuffer first = firstNonEmpty(srcs, offset, length);
        if (first.remaining() >= n) {
            ByteBuffer part = first.slice();
            part.limit(n);
            write.seal(ContentType.APPLICATION_DATA, part, dst, 0);
            first.position(first.position() + n);
            return n;
        }
        ByteBuffer staging = ByteBuffer.allocate(n);
        for (int i = offset; i < offset + length && staging.hasRemaining(); i++) {
            ByteBuffer src = srcs[i];
            int k = Math.min(src.remaining(), staging.remaining());
            ByteBuffer part = src.slice();
            part.limit(k);
            staging.put(part);
            src.position(src.position() + k);
        }
        staging.flip();
        write.seal(ContentType.APPLICATION_DATA, staging, dst, 0);
        return n;
    }

    private static ByteBuffer firstNonEmpty(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return srcs[i];
            }
        }
        throw new IllegalStateException("no data");
    }

    // ---- inbound

    /**
     * Opens the complete record at {@code src.position()}. Application data lands in {@code appDst}
     * (decrypted straight into it when it has room for the whole body); any other content is returned
     * through {@link Opened#content()}, and {@code appDst} is left as it was.
     */
    Opened open(ByteBuffer src, ByteBuffer appDst) throws TlsFailure {
        int body = RecordReader.bodyLength(src);
        RecordProtection protection = read;
        if (!applicationReadable && !read12 && RecordReader.contentType(src) == ContentType.ALERT) {
            // Interop: a peer that failed before installing its handshake keys sends its alert in
            // plaintext (RFC 8446 §6.2 allows plaintext alerts before encryption starts).
            protection = RecordProtection.plaintext();
        }
        int need = RecordProtection.maxPlaintextFor(body);
        if (applicationReadable && appDst.remaining() >= need) {
            int start = appDst.position();
            int type = protection.open(src, appDst);
            if (type == ContentType.APPLICATION_DATA) {
                return new Opened(type, null);
            }
            byte[] content = new byte[appDst.position() - start];
            appDst.get(start, content);
            appDst.position(start);
            return new Opened(type, content);
        }
        ByteBuffer buf = scratch(need);
        int type = protection.open(src, buf);
        buf.flip();
        if (type == ContentType.APPLICATION_DATA && applicationReadable) {
            if (appDst.remaining() < buf.remaining()) {
                throw new IllegalStateException("application buffer too small: need " + buf.remaining());
            }
            appDst.put(buf);
            return new Opened(type, null);
        }
        byte[] content = new byte[buf.remaining()];
        buf.get(content);
        return new Opened(type, content);
    }

    private ByteBuffer scratch(int need) {
        if (scratch == null || scratch.capacity() < need) {
            scratch = ByteBuffer.allocate(Math.max(need, RecordLimits.MAX_CIPHERTEXT_13));
        }
        scratch.clear();
        return scratch;
    }

    /** A decrypted record: its content type, and its content unless it was application data. */
    record Opened(int type, byte[] content) {
        @Override
        public String toString() {
            return "Opened[" + ContentType.name(type) + ", " + (content == null ? "-" : Arrays.toString(content)) + "]";
        }
    }
}
