package org.layer45.handshake.client.tls13;

import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.StoredTicket;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.keyschedule.HandshakeSecret;
import org.layer45.keyschedule.TrafficSecret;

/**
 * What the client knows once ServerHello is processed, carried through the encrypted part of the
 * handshake. Immutable except for the transcript, which grows with every message.
 *
 * @param settings        the policy
 * @param offered         our last ClientHello (to check EncryptedExtensions against it)
 * @param suite           the negotiated suite
 * @param group           the negotiated group
 * @param transcript      the running transcript
 * @param handshakeSecret the handshake secret (for the master secret)
 * @param clientHandshake client_handshake_traffic_secret
 * @param serverHandshake server_handshake_traffic_secret
 * @param resumedFrom     the ticket whose PSK the server accepted, or null for a full handshake
 * @param ccsSent         whether our compatibility ChangeCipherSpec already went out
 */
record Negotiated(HandshakeSettings settings, ClientHelloOffer offered, CipherSuite suite, NamedGroup group,
        Transcript transcript, HandshakeSecret handshakeSecret, TrafficSecret clientHandshake,
        TrafficSecret serverHandshake, StoredTicket resumedFrom, boolean ccsSent) {
}
