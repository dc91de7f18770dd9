package org.layer45.interop;

import javax.net.ssl.SSLSession;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.layer45.jsse.Session;

/**
 * Jetty 12 serving h2 and http/1.1 (chosen by ALPN, through {@link Layer45JettyAlpn}) on
 * 127.0.0.1 with the TLS of the given {@link SslContextFactory.Server} (Layer45 by provider name or
 * by SSLContext). Every request is answered with the session Jetty's SecureRequestCustomizer
 * attached to it: {@code jetty on <provider> <protocol> http=<HTTP version> suite=<suite>}.
 */
final class Layer45JettyServer implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector;

    Layer45JettyServer(SslContextFactory.Server tls) throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory h1 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory negotiation = new ALPNServerConnectionFactory();
        negotiation.setDefaultProtocol(h1.getProtocol());
        connector = new ServerConnector(server, new SslConnectionFactory(tls, negotiation.getProtocol()), negotiation,
                h2, h1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new SessionReport());
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Answers with the TLS session Jetty's SecureRequestCustomizer attached to the request. */
    private static final class SessionReport extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            EndPoint.SslSessionData data = (EndPoint.SslSessionData) request.getAttribute(
                    EndPoint.SslSessionData.ATTRIBUTE);
            SSLSession s = data.sslSession();
            String body = "jetty on " + s.getValue(Session.PROVIDER_KEY) + " " + s.getProtocol() + " http="
                    + request.getConnectionMetaData().getProtocol() + " suite=" + s.getCipherSuite() + "\n";
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            Content.Sink.write(response, true, body, callback);
            return true;
        }
    }
}
