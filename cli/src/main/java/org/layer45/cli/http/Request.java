package org.layer45.cli.http;

/**
 * One HTTP/1.1 request as a handler sees it (RFC 9112 §3): method, the request target's path and
 * query (not yet percent-decoded), version, head fields, and the TLS facts of its connection.
 */
public record Request(String method, String path, String query, String version, HttpHead head, TlsFacts tls) {

    /** What the server knows of the TLS connection a request came on. */
    public record TlsFacts(String protocol, String cipherSuite, String group, boolean resumed, String alpn,
            String clientAlpnOffer, String sni, long handshakeMillis) {
        /** Protocol, suite, group, and whether the session was new or resumed, e.g. for the log. */
        public String oneLine() {
            return protocol + " " + cipherSuite + " " + (group == null ? "-" : group) + (resumed ? " resumed" : " new");
        }
    }
}
