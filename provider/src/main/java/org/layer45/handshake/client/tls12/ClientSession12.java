package org.layer45.handshake.client.tls12;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.StoredTicket;
import org.layer45.iana.CipherSuite;

/**
 * A TLS 1.2 session the client may resume (RFC 5246 §7.4.1.2, RFC 5077 §3.4): its session id, its
 * ticket (empty when the server uses session ids only), the extended master secret and what the
 * resumed connection inherits. Kept in the configured {@link org.layer45.handshake.TicketStore} as a
 * {@link StoredTicket} under a key of its own (so TLS 1.3 never offers it as a PSK): the opaque ticket
 * field holds {@code u8 session_id length ‖ session_id ‖ ticket}, the psk field the master secret.
 *
 * @param sessionId    the session id the server assigned (may be empty with a ticket)
 * @param ticket       the RFC 5077 ticket, or empty
 * @param masterSecret the master secret (always an extended one, RFC 7627 §5.3)
 * @param suite        the suite of the original connection
 * @param alpn         the ALPN protocol, or null
 * @param serverChain  the server's chain
 */
public record ClientSession12(byte[] sessionId, byte[] ticket, byte[] masterSecret, CipherSuite suite, String alpn,
        List<X509Certificate> serverChain) {

    /** Single-use sessions (RFC 8446 §C.4 reasoning applies to tickets too): taken out of the store. */
    static ClientSession12 take(HandshakeSettings s) {
        StoredTicket t = s.ticketStore().take(key(s.serverName()));
        if (t == null || !t.isValidAt(s.currentTimeMillis()) || !s.cipherSuites().contains(t.suite())) {
            return null;
        }
        byte[] opaque = t.ticket();
        int idLength = opaque[0] & 0xFF;
        return new ClientSession12(Arrays.copyOfRange(opaque, 1, 1 + idLength),
                Arrays.copyOfRange(opaque, 1 + idLength, opaque.length), t.psk(), t.suite(), t.alpn(),
                t.peerCertificates());
    }

    void store(HandshakeSettings s, long nowMillis, long lifetimeSeconds) {
        byte[] opaque = new byte[1 + sessionId.length + ticket.length];
        opaque[0] = (byte) sessionId.length;
        System.arraycopy(sessionId, 0, opaque, 1, sessionId.length);
        System.arraycopy(ticket, 0, opaque, 1 + sessionId.length, ticket.length);
        s.ticketStore().put(key(s.serverName()), new StoredTicket(opaque, masterSecret, suite, 0, lifetimeSeconds,
                nowMillis, s.serverName(), alpn, serverChain));
    }

    private static String key(String serverName) {
        return "tls1.2 session:" + (serverName == null ? "" : serverName);
    }
}
