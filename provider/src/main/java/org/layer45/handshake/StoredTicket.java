package org.layer45.handshake;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.iana.CipherSuite;

/**
 * A NewSessionTicket as the client keeps it (RFC 8446 §4.6.1): the opaque ticket, the PSK derived
 * from it, and what the resumed session inherits.
 *
 * @param ticket           the opaque ticket (the PSK identity)
 * @param psk              HKDF-Expand-Label(resumption_master_secret, "resumption", nonce, Hash.length)
 * @param suite            the suite of the original connection; only suites with the same hash may use it
 * @param ticketAgeAdd     the server's obfuscation value
 * @param lifetimeSeconds  the server's lifetime (already capped at 7 days)
 * @param receivedAtMillis when the ticket arrived, from the configured clock
 * @param serverName       the server name it was issued under (the store key)
 * @param alpn             the ALPN protocol of the original connection, or null
 * @param peerCertificates the server chain of the original connection
 */
public record StoredTicket(byte[] ticket, byte[] psk, CipherSuite suite, long ticketAgeAdd, long lifetimeSeconds,
        long receivedAtMillis, String serverName, String alpn, List<X509Certificate> peerCertificates) {

    /** Whether the ticket may still be offered at {@code nowMillis}. */
    public boolean isValidAt(long nowMillis) {
        long age = nowMillis - receivedAtMillis;
        return age >= 0 && age < lifetimeSeconds * 1000L;
    }

    /** obfuscated_ticket_age = (age in ms + ticket_age_add) mod 2^32 (RFC 8446 §4.2.11.1). */
    public long obfuscatedAge(long nowMillis) {
        return (nowMillis - receivedAtMillis + ticketAgeAdd) & 0xFFFFFFFFL;
    }
}
