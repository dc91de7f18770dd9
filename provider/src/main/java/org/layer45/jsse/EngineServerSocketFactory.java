package org.layer45.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import javax.net.ssl.SSLServerSocketFactory;

/** Creates {@link EngineServerSocket}s. */
final class EngineServerSocketFactory extends SSLServerSocketFactory {
    private final ContextState context;

    EngineServerSocketFactory(ContextState context) {
        this.context = context;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new EngineServerSocket(context);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        EngineServerSocket s = new EngineServerSocket(context);
        s.bind(new InetSocketAddress(bindAddress, port), backlog);
        return s;
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
