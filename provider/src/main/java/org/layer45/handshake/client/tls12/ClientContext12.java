package org.layer45.handshake.client.tls12;

import java.util.List;

import org.layer45.crypto.Hkdf;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Transcript12;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.ClientHello;

/**
 * What the TLS 1.2 client knows once ServerHello is processed (RFC 5246 §7.4.1.3). Immutable except
 * for the transcript, which grows with every message.
 *
 * @param settings        the policy
 * @param offered         our ClientHello
 * @param offeredSchemes  the signature_algorithms we sent
 * @param transcript      the handshake messages
 * @param suite           the negotiated suite
 * @param serverRandom    ServerHello.random
 * @param sessionId       the session id the server assigned (empty: not resumable by id)
 * @param alpn            the negotiated ALPN protocol, or null
 * @param ticketExpected  whether the server promised a NewSessionTicket (RFC 5077 §3.2)
 * @param resumed         the session being resumed (abbreviated handshake), or null
 * @param statusPromised  whether the ServerHello carried an empty status_request (RFC 6066 §8), so a
 *                        CertificateStatus may follow the Certificate
 * @param ocspResponse    the OCSP response of the CertificateStatus received, or empty
 */
record ClientContext12(HandshakeSettings settings, ClientHello offered, List<SignatureScheme> offeredSchemes,
        Transcript12 transcript, CipherSuite suite, byte[] serverRandom, byte[] sessionId, String alpn,
        boolean ticketExpected, ClientSession12 resumed, boolean statusPromised, byte[] ocspResponse) {

    /** This context after a CertificateStatus carrying {@code response} (RFC 6066 §8). */
    ClientContext12 withOcspResponse(byte[] response) {
        return new ClientContext12(settings, offered, offeredSchemes, transcript, suite, serverRandom, sessionId, alpn,
                ticketExpected, resumed, statusPromised, response);
    }

    Hkdf hkdf() {
        return settings.backend().hkdf(suite.hash());
    }

    byte[] clientRandom() {
        return offered.random();
    }
}
