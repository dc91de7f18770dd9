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

    /** Milliseconds from the configured clock. */
    long nowMillis();
}
