package org.layer45.handshake.server.tls13;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Transcript;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;
import org.layer45.keyschedule.Exporter;
import org.layer45.keyschedule.MasterSecret;
import org.layer45.keyschedule.TrafficSecret;

/**
 * What the server knows after sending its flight up to Finished, carried until the client's Finished.
 * Immutable except for the transcript.
 *
 * @param clientHandshake   client_handshake_traffic_secret (verifies the client's Finished)
 * @param clientApplication client_application_traffic_secret_0, installed after the client's Finished
 * @param resumed           the ticket state when a PSK was accepted, else null
 */
record ServerNegotiated(HandshakeSettings settings, CipherSuite suite, NamedGroup group, Transcript transcript,
        TrafficSecret clientHandshake, MasterSecret master, TrafficSecret clientApplication, Exporter exporter,
        String alpn, String serverName, List<X509Certificate> localChain, SignatureScheme scheme,
        ResumptionState resumed, boolean pskDheKe) {
}
