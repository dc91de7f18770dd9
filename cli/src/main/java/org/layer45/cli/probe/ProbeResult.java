package org.layer45.cli.probe;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one probe found out, filled in by {@link Prober} and printed by {@link ProbeReport}. */
final class ProbeResult {
    /** How the server picks among the suites offered. */
    enum SuiteOrder { SERVER, CLIENT, UNKNOWN }

    String target;
    int handshakes;
    long millis;
    /** Per version ("TLSv1.3", "TLSv1.2"): the attempt offering only it. */
    final Map<String, Attempt> versions = new LinkedHashMap<>();
    /** Per supported version: suites accepted, in the order the server chose them. */
    final Map<String, List<String>> suites = new LinkedHashMap<>();
    final Map<String, SuiteOrder> suiteOrder = new LinkedHashMap<>();
    /** Per group: per supported version, "yes", "no" or "n/a". */
    final Map<String, Map<String, String>> groups = new LinkedHashMap<>();
    /** Set when a TLS 1.2 group was offered together with the ECDSA certificate's curve, which won. */
    String tls12CertCurve;
    /** What Layer45's default offer (shares X25519MLKEM768 + x25519) negotiated. */
    Attempt defaultOffer;
    /** The HelloRetryRequest experiment: what was offered and what happened. */
    String hrrOffer;
    String hrrOutcome;
    /** Per signature scheme: per supported version, "yes" or "no". */
    final Map<String, Map<String, String>> schemes = new LinkedHashMap<>();
    /** ALPN offers and what the server selected (or the failure). */
    final List<String[]> alpn = new ArrayList<>();
    /** Per version: how resumption went. */
    final Map<String, String> resumption = new LinkedHashMap<>();
    List<X509Certificate> chain = List.of();
    String verification;
}
