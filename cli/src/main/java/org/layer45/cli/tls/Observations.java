package org.layer45.cli.tls;

import org.layer45.iana.CipherSuite;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * What a {@link WireTap} learned from the cleartext part of one handshake: everything up to the
 * ServerHello in TLS 1.3 (RFC 8446 §2: all later handshake messages are encrypted), and up to
 * ChangeCipherSpec in TLS 1.2 (RFC 5246 §7.3). Written by the socket's I/O threads, read afterwards.
 */
public final class Observations {
    volatile boolean helloRetryRequest;
    volatile NamedGroup helloRetryGroup;
    volatile String serverVersion;
    volatile CipherSuite serverSuite;
    volatile NamedGroup serverKeyShareGroup;
    volatile boolean serverAcceptedPsk;
    volatile int serverSessionIdLength = -1;
    volatile boolean serverAckedTicketExtension;
    volatile boolean tls12TicketIssued;
    volatile long tls12TicketLifetimeSeconds = -1;
    volatile NamedGroup tls12ServerKeyExchangeGroup;
    volatile SignatureScheme tls12ServerKeyExchangeScheme;
    volatile boolean clientOfferedPsk;
    volatile int clientSessionIdLength;
    volatile int clientTicketLength = -1;
    volatile int clientHellos;

    /** Whether the server answered the first ClientHello with a HelloRetryRequest (RFC 8446 §4.1.4). */
    public boolean helloRetryRequest() {
        return helloRetryRequest;
    }

    /** The group a HelloRetryRequest asked a key share for, or null. */
    public NamedGroup helloRetryGroup() {
        return helloRetryGroup;
    }

    /** The version the ServerHello selected (supported_versions, else legacy_version), e.g. "TLSv1.3". */
    public String serverVersion() {
        return serverVersion;
    }

    public CipherSuite serverSuite() {
        return serverSuite;
    }

    /** TLS 1.3: the group of the server's key share. */
    public NamedGroup serverKeyShareGroup() {
        return serverKeyShareGroup;
    }

    /** TLS 1.3: the ServerHello carried pre_shared_key (RFC 8446 §4.2.11). */
    public boolean serverAcceptedPsk() {
        return serverAcceptedPsk;
    }

    /** TLS 1.2: length of the ServerHello session_id; zero means "this session will not be cached". */
    public int serverSessionIdLength() {
        return serverSessionIdLength;
    }

    /** TLS 1.2: the ServerHello echoed an empty session_ticket extension (RFC 5077 §3.2). */
    public boolean serverAckedTicketExtension() {
        return serverAckedTicketExtension;
    }

    /** TLS 1.2: a NewSessionTicket was sent (it is cleartext before ChangeCipherSpec). */
    public boolean tls12TicketIssued() {
        return tls12TicketIssued;
    }

    public long tls12TicketLifetimeSeconds() {
        return tls12TicketLifetimeSeconds;
    }

    /** TLS 1.2: the named curve of the ECDHE ServerKeyExchange (RFC 8422 §5.4). */
    public NamedGroup tls12ServerKeyExchangeGroup() {
        return tls12ServerKeyExchangeGroup;
    }

    /** TLS 1.2: the signature scheme the server signed its key exchange with. */
    public SignatureScheme tls12ServerKeyExchangeScheme() {
        return tls12ServerKeyExchangeScheme;
    }

    /** The (last) ClientHello carried pre_shared_key: a TLS 1.3 resumption attempt. */
    public boolean clientOfferedPsk() {
        return clientOfferedPsk;
    }

    /** Length of the ticket in the (last) ClientHello's session_ticket extension, -1 without one. */
    public int clientTicketLength() {
        return clientTicketLength;
    }

    /** ClientHello messages sent (2 after a HelloRetryRequest). */
    public int clientHellos() {
        return clientHellos;
    }
}
