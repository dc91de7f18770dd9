package org.layer45.cli.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A plain TCP socket whose streams pass through a {@link WireTap}. The TLS socket is layered on top
 * with {@code SSLSocketFactory.createSocket(tapped, host, port, true)}, so the tap sees exactly the
 * bytes the provider sends and receives.
 */
public final class TappedSocket extends Socket {
    private final WireTap tap;
    private volatile InputStream in;
    private volatile OutputStream out;

    public TappedSocket(WireTap tap) {
        this.tap = tap;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(endpoint, timeout);
        in = tap.inbound(super.getInputStream());
        out = tap.outbound(super.getOutputStream());
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream s = in;
        if (s == null) {
            throw new SocketException("socket is not connected");
        }
        return s;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        OutputStream s = out;
        if (s == null) {
            throw new SocketException("socket is not connected");
        }
        return s;
    }
}
