package org.layer45.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

/**
 * Creates client {@link EngineSocket}s. The host name the application passes is what the socket
 * sends as SNI and checks the certificate against (never a resolved or reverse-looked-up name).
 */
final class EngineSocketFactory extends SSLSocketFactory {
    private final ContextState context;

    EngineSocketFactory(ContextState context) {
        this.context = context;
    }

    @Override
    public Socket createSocket() {
        return new EngineSocket(context, true);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        EngineSocket s = new EngineSocket(context, true);
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        EngineSocket s = new EngineSocket(context, true);
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        EngineSocket s = new EngineSocket(context, true);
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        EngineSocket s = new EngineSocket(context, true);
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return new EngineSocket(context, s, host, port, autoClose, true);
    }

    /** Server side of a layered socket whose first bytes ({@code consumed}) were already read by the application. */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        InetAddress peer = s.getInetAddress();
        return new EngineSocket(context, s, consumed, peer == null ? null : peer.getHostAddress(), s.getPort(),
                autoClose, false);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return Protocols.defaultSuiteNames().toArray(String[]::new);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return Protocols.supportedSuiteNames().toArray(String[]::new);
    }
}
