package org.layer45.cli.tls;

import java.io.IOException;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.layer45.jsse.Session;

/**
 * One established TLS connection made by {@link TlsClient}, with what is known about its
 * handshake: the session (with Layer45's extra values, {@link Session#NAMED_GROUP_KEY} and
 * {@link Session#RESUMED_KEY}), the wire observations and the timings.
 */
public final class TlsConnection implements AutoCloseable {
    private final String host;
    private final int port;
    private final SSLSocket socket;
    private final WireTap tap;
    private final RecordingTrustManager trust;
    private final long tcpNanos;
    private final long handshakeNanos;

    TlsConnection(String host, int port, SSLSocket socket, WireTap tap, RecordingTrustManager trust, long tcpNanos,
            long handshakeNanos) {
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.tap = tap;
        this.trust = trust;
        this.tcpNanos = tcpNanos;
        this.handshakeNanos = handshakeNanos;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public SSLSocket socket() {
        return socket;
    }

    public SSLSession session() {
        return socket.getSession();
    }

    public Observations observations() {
        return tap.observations();
    }

    public RecordingTrustManager trust() {
        return trust;
    }

    public String protocol() {
        return session().getProtocol();
    }

    public String cipherSuite() {
        return session().getCipherSuite();
    }

    /** The negotiated key-exchange group, e.g. "X25519MLKEM768" (null after a TLS 1.3 psk_ke resumption). */
    public String group() {
        Object g = session().getValue(Session.NAMED_GROUP_KEY);
        return g == null ? null : g.toString();
    }

    public boolean resumed() {
        return Boolean.TRUE.equals(session().getValue(Session.RESUMED_KEY));
    }

    /** The ALPN protocol selected, or null when none was. */
    public String applicationProtocol() {
        String p = socket.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    public long tcpMillis() {
        return tcpNanos / 1_000_000;
    }

    public double handshakeMillis() {
        return handshakeNanos / 1e6;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
