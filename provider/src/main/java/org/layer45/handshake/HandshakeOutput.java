package org.layer45.handshake;

import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.keyschedule.TrafficSecret;

/**
 * What a handshake state may do to its connection: send handshake bytes, send the compatibility
 * ChangeCipherSpec, switch record keys, and report progress. Implemented by the connection, which
 * owns the record layer; states never see records or buffers.
 */
public interface HandshakeOutput {
    /** Queues one encoded handshake message under the current write keys. */
    void sendHandshake(byte[] encoded) throws TlsFailure;

    /** Queues a plaintext change_cipher_spec record (RFC 8446 §D.4 middlebox compatibility). */
    void sendChangeCipherSpec() throws TlsFailure;

    /**
     * Protects everything received from now on with {@code secret}. Fails with unexpected_message if a
     * partial handshake message is buffered: RFC 8446 §5.1, handshake messages MUST NOT span key changes.
     *
     * @param application whether these are application traffic keys (application data becomes acceptable)
     */
    void installReadKeys(CipherSuite suite, TrafficSecret secret, boolean application) throws TlsFailure;

    /** Protects everything sent from now on with {@code secret}; queued handshake bytes are sealed first. */
    void installWriteKeys(CipherSuite suite, TrafficSecret secret, boolean application) throws TlsFailure;

    /** The peer sent KeyUpdate (RFC 8446 §4.6.3): advance read keys, answer if requested. */
    void keyUpdateReceived(boolean updateRequested) throws TlsFailure;

    /** The handshake finished; {@code session} describes it. */
    void handshakeComplete(SessionInfo session);

    /** A client stored a new ticket. */
    void ticketReceived(StoredTicket ticket);

    /**
     * TLS 1.2 (RFC 5246 §7.1): protects everything received from now on with {@code protection}
     * (after the peer's ChangeCipherSpec). Application data stays refused until
     * {@link #enableApplicationData()}.
     */
    default void installReadProtection12(org.layer45.record.RecordProtection protection) throws TlsFailure {
        throw new UnsupportedOperationException("tls 1.2 not supported by this output");
    }

    /** TLS 1.2: sends ChangeCipherSpec (queued handshake bytes first), then protects what follows. */
    default void changeWriteCipher12(org.layer45.record.RecordProtection protection) throws TlsFailure {
        throw new UnsupportedOperationException("tls 1.2 not supported by this output");
    }

    /** TLS 1.2: both Finished are verified, application data may flow both ways. */
    default void enableApplicationData() {
        throw new UnsupportedOperationException("tls 1.2 not supported by this output");
    }

    /** Queues a warning-level alert, e.g. no_renegotiation (RFC 5746 §4.2, RFC 5246 §7.2.2). */
    default void sendWarningAlert(org.layer45.error.AlertDescription description) throws TlsFailure {
        throw new UnsupportedOperationException("warning alerts not supported by this output");
    }

    /** Milliseconds from the configured clock. */
    long nowMillis();
}
