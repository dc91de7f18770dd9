package org.layer45.handshake.server.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.crypto.Hkdf;
import org.layer45.handshake.HandshakeSettings;
import org.layer45.handshake.Transcript12;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * What the TLS 1.2 server knows once it answered the ClientHello. Immutable except for the
 * transcript, which grows with every message.
 *
 * @param settings      the policy
 * @param offer         the client's offer
 * @param transcript    the handshake messages
 * @param suite         the negotiated suite
 * @param group         the ECDHE group (null when resumed or with RSA key transport)
 * @param scheme        our ServerKeyExchange signature scheme (null when resumed or with RSA key transport)
 * @param serverRandom  ServerHello.random
 * @param sessionId     the session id we assigned or echoed
 * @param alpn          the ALPN protocol, or null
 * @param serverName    the SNI host name, or null
 * @param localChain    the chain we sent (empty when resumed)
 * @param requested     the signature schemes of our CertificateRequest, or null if we sent none
 * @param sendTicket    whether we promised a NewSessionTicket (RFC 5077 §3.2)
 */
record ServerContext12(HandshakeSettings settings, ClientOffer12 offer, Transcript12 transcript, CipherSuite suite,
        NamedGroup group, SignatureScheme scheme, byte[] serverRandom, byte[] sessionId, String alpn,
        String serverName, List<X509Certificate> localChain, List<SignatureScheme> requested, boolean sendTicket) {

    Hkdf hkdf() {
        return settings.backend().hkdf(suite.hash());
    }

    byte[] clientRandom() {
        return offer.hello().random();
    }
}
