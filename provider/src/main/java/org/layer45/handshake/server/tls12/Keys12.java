package org.layer45.handshake.server.tls12;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.handshake.Tls12Policy;

/**
 * The server's secrets once the master secret is known.
 *
 * @param master      the (extended) master secret
 * @param protections both directions' record protection
 * @param clientChain the client's chain (empty if none; on resumption, the original one)
 * @param abbreviated whether this is an abbreviated handshake (our Finished already went out)
 */
record Keys12(byte[] master, Tls12Policy.Protections protections, List<X509Certificate> clientChain,
        boolean abbreviated) {
}
