package org.layer45.handshake;

import java.util.List;

/**
 * A server's application-protocol choice made by the application (RFC 7301 §3.2), e.g. the JSSE
 * {@code setHandshakeApplicationProtocolSelector} callback. Called only when the client offered ALPN.
 */
@FunctionalInterface
public interface AlpnSelector {
    /**
     * @param offered the client's protocols, in its preference order
     * @return the protocol to select (one of {@code offered}), or null to send no ALPN extension
     * @throws TlsFailure to refuse the connection, normally with no_application_protocol
     */
    String select(List<String> offered) throws org.layer45.error.TlsFailure;
}
