package org.layer45.cli.demo;

import org.layer45.cli.http.Request;
import org.layer45.cli.http.Response;
import org.layer45.cli.http.WebServer;

/** The demo server's one page: a greeting and what the server saw of the TLS connection it came on. */
final class DemoPage implements WebServer.Handler {
    @Override
    public Response handle(Request request) {
        if (!request.method().equals("GET")) {
            return Response.text(405, "Method Not Allowed", "GET only\n").field("Allow", "GET");
        }
        Request.TlsFacts tls = request.tls();
        return Response.text(200, "OK", "Hello from Layer45. The server saw " + tls.oneLine() + ", SNI "
                + (tls.sni() == null ? "none" : tls.sni()) + ", ALPN offered: "
                + (tls.clientAlpnOffer() == null ? "none" : tls.clientAlpnOffer()) + ".\n");
    }
}
