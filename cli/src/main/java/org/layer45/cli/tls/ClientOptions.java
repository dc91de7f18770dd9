package org.layer45.cli.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code get} and {@code probe} configure one client handshake. Null lists mean "Layer45's
 * defaults". Plain mutable settings, filled from the command line and copied per probe attempt.
 */
public final class ClientOptions {
    /** JSSE protocol names to enable, e.g. ["TLSv1.3"]; null: TLSv1.3 and TLSv1.2. */
    public List<String> protocols;
    /** Named groups in preference order (jdk.tls.namedGroups); null: the provider default. */
    public List<String> groups;
    /** Cipher suites in preference order; null: the provider default. */
    public List<String> cipherSuites;
    /** Signature schemes offered (jdk.tls.client.SignatureSchemes); null: the provider default. */
    public List<String> signatureSchemes;
    /** ALPN protocols to offer; empty: no ALPN extension. */
    public List<String> alpn = List.of();
    /** PEM file of trusted CA certificates; null: the JDK's cacerts. */
    public Path caFile;
    /** Accept any certificate and skip host name verification. */
    public boolean insecure;
    /** Append NSS key log lines here (layer45.keylog). */
    public Path keyLog;
    /** Connect and read timeout. */
    public int timeoutMillis = 10_000;

    public ClientOptions copy() {
        ClientOptions c = new ClientOptions();
        c.protocols = protocols;
        c.groups = groups;
        c.cipherSuites = cipherSuites;
        c.signatureSchemes = signatureSchemes;
        c.alpn = alpn;
        c.caFile = caFile;
        c.insecure = insecure;
        c.keyLog = keyLog;
        c.timeoutMillis = timeoutMillis;
        return c;
    }

    /** Where trust comes from, for the summary: "--cacert ca.pem", "the JDK's cacerts" or INSECURE. */
    public String trustSource() {
        if (insecure) {
            return "nothing (--insecure)";
        }
        return caFile != null ? caFile.toString() + " (--cacert)" : "the JDK's cacerts";
    }
}
