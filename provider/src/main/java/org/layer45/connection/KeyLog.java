package org.layer45.connection;

/**
 * Receives a connection's TLS 1.3 secrets in the NSS key log format's terms
 * (CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0,
 * SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET; see draft-ietf-tls-keylogfile), so a debugging tool such
 * as Wireshark can decrypt captured traffic. Off unless configured: these are live secrets.
 */
@FunctionalInterface
public interface KeyLog {
    /**
     * @param label        the NSS key log label
     * @param clientRandom the ClientHello random (32 bytes) identifying the connection
     * @param secret       the secret
     */
    void log(String label, byte[] clientRandom, byte[] secret);
}
