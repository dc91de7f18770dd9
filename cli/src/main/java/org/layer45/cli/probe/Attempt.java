package org.layer45.cli.probe;

import java.security.cert.X509Certificate;
import java.util.List;

import org.layer45.cli.tls.Observations;

/**
 * The outcome of one probe handshake: what was negotiated, or the one-line reason it failed.
 *
 * @param ocspResponse the OCSP response the server stapled (RFC 6066 §8, RFC 8446 §4.4.2.1), or null
 */
record Attempt(boolean ok, String protocol, String suite, String group, String alpn, boolean resumed,
        Observations wire, List<X509Certificate> chain, String failure, byte[] ocspResponse) {

    static Attempt failed(String why, Observations wire) {
        return new Attempt(false, null, null, null, null, false, wire, List.of(), why, null);
    }
}
