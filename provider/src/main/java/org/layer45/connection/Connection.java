package org.layer45.connection;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.HandshakeInput;
import org.layer45.handshake.HandshakeOutput;
import org.layer45.handshake.SessionInfo;
import org.layer45.iana.ContentType;
import org.layer45.message.Alert;
import org.layer45.message.ChangeCipherSpec;
import org.layer45.message.HandshakeMessages;
import org.layer45.message.HandshakeMessages12;
import org.layer45.message.KeyUpdate;
import org.layer45.message.RawHandshake;
import org.layer45.record.RecordProtection;
import org.layer45.record.RecordReader;

/**
 * A sans-I/O TLS 1.3 connection (DESIGN.md §3), record-oriented so that an SSLEngine can do one
 * record per unwrap and decrypt straight into the application's buffer.
 *
 * <p>Inbound: {@link #nextRecordLength}, {@link #maxPlaintextLength}, {@link #processRecord}.
 * Outbound: {@link #hasPendingOutput}, {@link #drainPendingOutput}, {@link #sealApplicationData}.
 * Events: {@link #pollEvent}. Any {@link TlsFailure} makes the connection terminal: exactly one fatal
 * alert is queued (none for a received alert) and every later input or sealing call rethrows it.
 *
 * <p>Closure (RFC 8446 §6.1): close_notify closes one direction only; after receiving it we may still
 * send, and after sending it we may still receive. Records arriving after the peer's close_notify are
 * consumed and ignored ("Any data received after a closure alert has been received MUST be ignored").
 */
public abstract sealed class Connection permits ClientConnection, ServerConnection {
    /**
     * The handshake's configuration; null once the handshake is complete, so that an established
     * connection does not keep its lists and callbacks (DESIGN.md §6). What later records need of it
     * is kept apart: {@link #keyLog} and {@link #clock}.
     */
    private Config config;
    /** Where secrets are logged (debugging only), or null. */
    private final KeyLog keyLog;
    /** For the receive time of tickets that arrive after the handshake. */
    private final Clock clock;
    private final RecordLayer records;
    /** Events not yet polled; null when there are none (most of an idle connection's life). */
    private ArrayDeque<ConnectionEvent> events;
    private final Output output = new Output();
    private SessionInfo session;
    private TlsFailure failure;
    private boolean inboundClosed;
    private boolean outboundClosed;
    private int ccsReceived;
    private boolean keyUpdateAnswerPending;
    /** Records received since the handshake that gave the application nothing (see {@link #MAX_IDLE_RECORDS}). */
    private int idleRecords;
    /** Test hook (see {@link #testHookBeforeHandshakeMessage}); null in production. */
    private Consumer<byte[]> beforeHandshakeMessage;
    /** The ClientHello random, kept only while a key log is configured. */
    private byte[] clientRandom;
    /** Warning alerts ignored in a row (see {@link #MAX_WARNING_ALERTS}). */
    private int warningAlerts;

    /**
     * How many records in a row after the handshake may carry no application data (empty
     * application_data records, KeyUpdates, NewSessionTickets, user_canceled warnings): each costs a
     * decryption and yields nothing, so an unbounded run is a CPU lever for the peer (DESIGN.md §6).
     * Real peers send a few tickets and rare KeyUpdates; BoringSSL draws the same line at 32.
     */
    static final int MAX_IDLE_RECORDS = 32;

    /**
     * How many TLS 1.2 warning alerts in a row are ignored before the run counts as abuse; real peers
     * send one at most (unrecognized_name), and BoringSSL draws the same line at 4.
     */
    static final int MAX_WARNING_ALERTS = 4;

    Connection(Config config) {
        this.config = config;
        this.keyLog = config.keyLog();
        this.clock = config.clock();
        this.records = new RecordLayer(config.backend());
    }

    /** The configuration of the handshake in progress (released when it completes). */
    Config config() {
        Config c = config;
        if (c == null) {
            throw new IllegalStateException("the handshake is complete and its configuration released");
        }
        return c;
    }

    private void addEvent(ConnectionEvent e) {
        if (events == null) {
            events = new ArrayDeque<>(4);
        }
        events.add(e);
    }

    /** Feeds one handshake message to the current state. */
    abstract void handleHandshake(HandshakeInput in, HandshakeOutput out) throws TlsFailure;

    /** Whether the peer's first flight started (CCS acceptable from then on, RFC 8446 §5). */
    abstract boolean handshakeStarted();

    /** Whether TLS 1.2 states drive the handshake (ChangeCipherSpec is a handshake step, 1.2 codecs apply). */
    abstract boolean tls12();

    /** Whether TLS 1.3 has been negotiated (false while the version is still open, and for TLS 1.2). */
    abstract boolean tls13Negotiated();

    /** The simple class name of the current handshake state (for state-table tests). */
    public abstract String stateName();

    HandshakeOutput output() {
        return output;
    }

    /** Seals the queued first ClientHello in record(s) with legacy_record_version 0x0301 (RFC 8446 §5.1). */
    void flushInitialClientHello() throws TlsFailure {
        records.flushInitialClientHello();
    }

    // ---- inbound

    /** Total length of the record at {@code src.position()}, or -1 if incomplete. Validates the header. */
    public int nextRecordLength(ByteBuffer src) throws TlsFailure {
        checkUsable();
        try {
            return RecordReader.recordLength(src);
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    /** Room {@link #processRecord} needs in the application buffer for a record of this total length. */
    public int maxPlaintextLength(int recordLength) {
        return RecordProtection.maxPlaintextFor(recordLength - org.layer45.record.RecordLimits.HEADER_LENGTH);
    }

    /**
     * Consumes exactly one complete record from {@code src}. Application data is decrypted into
     * {@code appDst}; handshake, alert and ChangeCipherSpec records are handled here and may queue
     * output and events.
     *
     * @throws IllegalArgumentException if no complete record is at {@code src.position()}
     */
    public void processRecord(ByteBuffer src, ByteBuffer appDst) throws TlsFailure {
        checkUsable();
        try {
            int length = RecordReader.recordLength(src);
            if (length < 0) {
                throw new IllegalArgumentException("no complete record in src");
            }
            if (inboundClosed) {
                src.position(src.position() + length); // RFC 8446 §6.1: ignored after close_notify
                return;
            }
            if (RecordReader.contentType(src) == ContentType.CHANGE_CIPHER_SPEC) {
                acceptChangeCipherSpec(src, length);
                return;
            }
            boolean established = session != null;
            int appBefore = appDst.position();
            RecordLayer.Opened opened = records.open(src, appDst);
            dispatch(opened);
            records.flushHandshake();
            countIdleRecord(established, appDst.position() > appBefore);
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    private void countIdleRecord(boolean established, boolean deliveredData) throws TlsFailure {
        if (!established || deliveredData) {
            idleRecords = 0; // the handshake bounds its own messages; data is progress
            return;
        }
        if (++idleRecords > MAX_IDLE_RECORDS) {
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.TOO_MANY_EMPTY_RECORDS,
                    "more than " + MAX_IDLE_RECORDS + " records in a row without application data");
        }
    }

    /**
     * RFC 8446 §5: a plaintext CCS 0x01 received "at any time after the first ClientHello ... and
     * before the peer's Finished" is dropped. Not only once: SunJSSE sends one after its
     * HelloRetryRequest and another after its ServerHello. A run longer than the empty-record cap
     * is refused, as a flood of them would stall the handshake.
     */
    private void acceptChangeCipherSpec(ByteBuffer src, int length) throws TlsFailure {
        if (tls12()) {
            acceptChangeCipherSpec12(src, length);
            return;
        }
        if (!RecordReader.isCompatibilityCcs(src) || ccsReceived >= MAX_IDLE_RECORDS || records.applicationReadable()
                || !handshakeStarted()) {
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.INVALID_CHANGE_CIPHER_SPEC,
                    "unexpected change_cipher_spec");
        }
        ccsReceived++;
        src.position(src.position() + length);
    }

    /**
     * RFC 5246 §7.1: the ChangeCipherSpec record is the single byte 1, never inside a fragmented
     * handshake message; the current state decides whether it is expected (as a pseudo-message).
     */
    private void acceptChangeCipherSpec12(ByteBuffer src, int length) throws TlsFailure {
        if (!RecordReader.isCompatibilityCcs(src) || !records.defragmenter().isEmpty()) {
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.INVALID_CHANGE_CIPHER_SPEC,
                    "malformed or misplaced change_cipher_spec");
        }
        src.position(src.position() + length);
        handleHandshake(new HandshakeInput(ChangeCipherSpec.raw(), new ChangeCipherSpec()), output);
        records.flushHandshake();
    }

    private void dispatch(RecordLayer.Opened opened) throws TlsFailure {
        if (opened.type() != ContentType.HANDSHAKE && !records.defragmenter().isEmpty()) {
            // RFC 8446 §5.1: handshake messages MUST NOT be interleaved with other record types.
            throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.INTERLEAVED_MESSAGE,
                    "record interleaved with a fragmented handshake message");
        }
        if (opened.type() != ContentType.ALERT) {
            warningAlerts = 0;
        }
        switch (opened.type()) {
            case ContentType.HANDSHAKE -> handshakeRecord(opened.content());
            case ContentType.ALERT -> alertRecord(opened.content());
            case ContentType.APPLICATION_DATA -> {
                if (!records.applicationReadable()) {
                    throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.UNEXPECTED_RECORD,
                            "application data before the handshake completed");
                }
            }
            default -> throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.UNEXPECTED_RECORD,
                    "unexpected " + ContentType.name(opened.type()) + " record");
        }
    }

    private void handshakeRecord(byte[] content) throws TlsFailure {
        records.defragmenter().add(content, 0, content.length);
        RawHandshake raw;
        while (failure == null && (raw = records.defragmenter().next()) != null) {
            noteClientHello(raw.encoded());
            handleHandshake(new HandshakeInput(raw, tls12() ? HandshakeMessages12.decode12(raw)
                    : HandshakeMessages.decode13(raw)), output);
        }
    }

    private void alertRecord(byte[] content) throws TlsFailure {
        Alert alert = Alert.decode(content);
        AlertDescription d = alert.description();
        if (d.equals(AlertDescription.CLOSE_NOTIFY)) {
            inboundClosed = true;
            addEvent(new ConnectionEvent.PeerClosed());
            return;
        }
        if (d.equals(AlertDescription.USER_CANCELED)) {
            return; // RFC 8446 §6.1: a warning, followed by close_notify
        }
        if (!alert.isFatal() && !tls13Negotiated()) {
            // RFC 5246 §7.2: "If an alert with a level of warning is sent and received, generally the
            // connection can continue normally" — e.g. the unrecognized_name a TLS 1.2 server sends
            // before its ServerHello when it does not know the SNI name (RFC 6066 §3).
            if (++warningAlerts > MAX_WARNING_ALERTS) {
                throw new TlsFailure(AlertDescription.UNEXPECTED_MESSAGE, Reason.TOO_MANY_EMPTY_RECORDS,
                        "more than " + MAX_WARNING_ALERTS + " warning alerts in a row");
            }
            return;
        }
        // RFC 8446 §6.2: in TLS 1.3 every other alert is fatal, whatever its level.
        throw new TlsFailure(d, Reason.PEER_ALERT, "peer sent alert " + d);
    }

    /** Remembers the ClientHello random (sent or received) when secrets are to be logged. */
    private void noteClientHello(byte[] encoded) {
        // RFC 8446 §4.1.2: type(1) length(3) legacy_version(2) random(32)
        if (keyLog != null && clientRandom == null && encoded.length >= 38
                && encoded[0] == org.layer45.iana.HandshakeType.CLIENT_HELLO) {
            clientRandom = java.util.Arrays.copyOfRange(encoded, 6, 38);
        }
    }

    /** NSS key log label for a traffic secret installed by the handshake (draft-ietf-tls-keylogfile §3). */
    private void logSecret(boolean write, boolean application, byte[] secret) {
        KeyLog log = keyLog;
        if (log == null || clientRandom == null) {
            return;
        }
        boolean clientSide = (this instanceof ClientConnection) == write;
        String label = (clientSide ? "CLIENT_" : "SERVER_") + (application ? "TRAFFIC_SECRET_0" : "HANDSHAKE_TRAFFIC_SECRET");
        log.log(label, clientRandom, secret);
    }

    // ---- outbound

    public boolean hasPendingOutput() {
        return records.hasOutbound();
    }

    /** Copies queued records (handshake flights, alerts, KeyUpdate) into {@code netDst}; may stop mid-record. */
    public int drainPendingOutput(ByteBuffer netDst) throws TlsFailure {
        try {
            return records.drain(netDst);
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    /** The largest record {@link #sealApplicationData} writes. */
    public int maxSealedRecordSize() {
        return records.maxSealedRecordSize();
    }

    /**
     * Seals ONE application_data record of up to 2^14 bytes gathered from {@code srcs} into
     * {@code netDst}. Pending output goes first (its records precede in sequence); if it does not all
     * fit, nothing is sealed. Sends a KeyUpdate first when the write key reached its usage limit
     * (RFC 8446 §5.5).
     *
     * @return bytes consumed from {@code srcs}
     */
    public int sealApplicationData(ByteBuffer[] srcs, int offset, int length, ByteBuffer netDst) throws TlsFailure {
        checkUsable();
        if (outboundClosed) {
            throw new IllegalStateException("outbound closed");
        }
        if (!records.applicationWritable()) {
            throw new IllegalStateException("handshake not complete");
        }
        try {
            if (records.writeNeedsKeyUpdate()) {
                sendKeyUpdate(false);
            }
            records.drain(netDst);
            if (records.hasOutbound()) {
                return 0;
            }
            int n = records.sealApplication(srcs, offset, length, netDst);
            if (n > 0) {
                keyUpdateAnswerPending = false;
            }
            return n;
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    /** Sends KeyUpdate (RFC 8446 §4.6.3) and switches to the next write key. */
    public void requestKeyUpdate(boolean requestPeerUpdate) throws TlsFailure {
        checkUsable();
        if (!records.applicationWritable() || outboundClosed) {
            throw new IllegalStateException("no application keys to update");
        }
        try {
            sendKeyUpdate(requestPeerUpdate);
        } catch (TlsFailure f) {
            throw fail(f);
        }
    }

    private void sendKeyUpdate(boolean requestPeerUpdate) throws TlsFailure {
        records.queueHandshake(new KeyUpdate(requestPeerUpdate).encode());
        records.flushHandshake();
        records.updateWriteKeys();
        addEvent(new ConnectionEvent.KeyUpdated(false));
    }

    /** Queues close_notify; we send nothing more, but may still receive (RFC 8446 §6.1 half-close). */
    public void closeOutbound() {
        if (outboundClosed || failure != null) {
            return;
        }
        outboundClosed = true;
        try {
            records.flushHandshake();
            records.queueRecord(ContentType.ALERT, Alert.closeNotify().encode());
        } catch (TlsFailure f) {
            fail(f);
        }
    }

    // ---- state

    public boolean isHandshakeComplete() {
        return session != null;
    }

    public boolean isInboundClosed() {
        return inboundClosed || failure != null;
    }

    public boolean isOutboundClosed() {
        return outboundClosed || failure != null;
    }

    /** The failure that ended this connection, or null. */
    public TlsFailure failure() {
        return failure;
    }

    /** The next event, or null. */
    public ConnectionEvent pollEvent() {
        ArrayDeque<ConnectionEvent> queue = events;
        if (queue == null) {
            return null;
        }
        ConnectionEvent e = queue.poll();
        if (queue.isEmpty()) {
            events = null;
        }
        return e;
    }

    /** What the handshake negotiated; null until it completes. */
    public SessionInfo session() {
        return session;
    }

    /** RFC 8446 §7.5 exporter. */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        if (session == null) {
            throw new IllegalStateException("handshake not complete");
        }
        if (session.exporter() == null) {
            throw new IllegalStateException("no exporter for " + session.version());
        }
        return session.exporter().export(label, context, length);
    }

    void checkUsable() throws TlsFailure {
        if (failure != null) {
            throw failure;
        }
    }

    /** RFC 8446 §6.2: send one fatal alert (none for a received one) and become terminal. */
    TlsFailure fail(TlsFailure f) {
        if (failure != null) {
            return failure;
        }
        failure = f;
        records.discardPendingHandshake();
        if (f.reason() != Reason.PEER_ALERT) {
            try {
                records.queueRecord(ContentType.ALERT, Alert.fatal(f.alert()).encode());
            } catch (TlsFailure sealing) {
                f.addSuppressed(sealing); // the alert cannot be sealed (sequence exhausted): nothing to send
            }
        }
        return f;
    }

    // ---- test hooks: package-private, used only by the state-table tests of this package

    /**
     * Test hook: {@code hook} sees the encoding of each handshake message the handshake state is
     * about to send, just before it is queued (under the write protection it will be sealed with);
     * null removes it. With {@link #testSealHandshake} a test can put a message at an exact point of
     * a flight, or seal every message in a record of its own.
     */
    void testHookBeforeHandshakeMessage(Consumer<byte[]> hook) {
        beforeHandshakeMessage = hook;
    }

    /**
     * Test hook: seals the handshake bytes queued so far into their record, then {@code message}
     * (an encoded handshake message, or several) alone in a record of its own under the current write
     * protection, bypassing the handshake state and transcript — as a misbehaving peer would send it.
     * An empty {@code message} only seals what is queued.
     */
    void testSealHandshake(byte[] message) throws TlsFailure {
        records.flushHandshake();
        records.queueHandshake(message);
        records.flushHandshake();
    }

    /** Test hook: seals one record of {@code contentType} holding {@code content} (may be empty). */
    void testSealRecord(int contentType, byte[] content) throws TlsFailure {
        records.flushHandshake();
        records.queueRecord(contentType, content);
    }

    /** Test hook: bytes of incomplete (or unread) handshake messages held by the defragmenter. */
    int testBufferedHandshakeBytes() {
        return records.defragmenter().buffered();
    }

    /** The connection's side of the handshake: records, keys and events. */
    private final class Output implements HandshakeOutput {
        @Override
        public void sendHandshake(byte[] encoded) {
            if (beforeHandshakeMessage != null) {
                beforeHandshakeMessage.accept(encoded);
            }
            noteClientHello(encoded);
            records.queueHandshake(encoded);
        }

        @Override
        public void sendChangeCipherSpec() throws TlsFailure {
            records.queueChangeCipherSpec();
        }

        @Override
        public void installReadKeys(org.layer45.iana.CipherSuite suite, org.layer45.keyschedule.TrafficSecret secret,
                boolean application) throws TlsFailure {
            records.installRead(suite, secret, application);
            logSecret(false, application, secret.secret());
        }

        @Override
        public void installWriteKeys(org.layer45.iana.CipherSuite suite,
                org.layer45.keyschedule.TrafficSecret secret, boolean application) throws TlsFailure {
            records.installWrite(suite, secret, application);
            logSecret(true, application, secret.secret());
        }

        @Override
        public void keyUpdateReceived(boolean updateRequested) throws TlsFailure {
            records.updateReadKeys();
            addEvent(new ConnectionEvent.KeyUpdated(true));
            // RFC 8446 §4.6.3: answer update_requested with one KeyUpdate before our next data;
            // several requests while we are silent get a single answer.
            if (updateRequested && !keyUpdateAnswerPending && !outboundClosed) {
                keyUpdateAnswerPending = true;
                sendKeyUpdate(false);
            }
        }

        @Override
        public void handshakeComplete(SessionInfo info) {
            session = info;
            if (keyLog != null && clientRandom != null) {
                // NSS key log format: TLS 1.2 logs the master secret as CLIENT_RANDOM (it is what the
                // TLS 1.2 exporter holds, RFC 5705); TLS 1.3 logs its exporter secret.
                boolean tls13 = info.version() == org.layer45.iana.ProtocolVersion.TLS13;
                keyLog.log(tls13 ? "EXPORTER_SECRET" : "CLIENT_RANDOM", clientRandom,
                        info.exporter().secret());
            }
            records.handshakeDone();
            config = null; // DESIGN.md §6: the handshake's configuration is not needed any more
            addEvent(new ConnectionEvent.HandshakeComplete(info));
        }

        @Override
        public void ticketReceived(org.layer45.handshake.StoredTicket ticket) {
            addEvent(new ConnectionEvent.NewTicketReceived(ticket));
        }

        @Override
        public void installReadProtection12(RecordProtection protection) throws TlsFailure {
            records.installRead12(protection);
        }

        @Override
        public void changeWriteCipher12(RecordProtection protection) throws TlsFailure {
            records.changeWrite12(protection);
        }

        @Override
        public void enableApplicationData() {
            records.enableApplicationData();
        }

        @Override
        public void sendWarningAlert(AlertDescription description) throws TlsFailure {
            records.flushHandshake();
            records.queueRecord(ContentType.ALERT, new Alert(Alert.WARNING, description).encode());
        }

        @Override
        public long nowMillis() {
            return clock.millis();
        }
    }
}
