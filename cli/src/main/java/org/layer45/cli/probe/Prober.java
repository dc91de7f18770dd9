package org.layer45.cli.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.ExtendedSSLSession;

import org.layer45.cli.CliException;
import org.layer45.cli.tls.AlgorithmNames;
import org.layer45.cli.tls.ClientOptions;
import org.layer45.cli.tls.FailureExplainer;
import org.layer45.cli.tls.Observations;
import org.layer45.cli.tls.TlsClient;
import org.layer45.cli.tls.TlsConnection;
import org.layer45.cli.tls.WireTap;

/**
 * Finds out what a TLS server supports by repeated handshakes through Layer45, each with a
 * restricted offer: one version at a time; all suites, minus the one chosen, until none is left
 * (the server's order); one group at a time; one signature scheme at a time; several ALPN lists;
 * a second connection with the first one's session (resumption); a key share the server must
 * refuse (HelloRetryRequest). The certificate is inspected, not trusted, except in one final
 * handshake that verifies it as {@code get} would. Every handshake asks for OCSP stapling
 * (status_request, RFC 6066 §8); the response of each version's first handshake is reported.
 */
final class Prober {
    private static final List<String> VERSIONS = List.of("TLSv1.3", "TLSv1.2");
    /** The SunJSSE property, honoured by Layer45, that turns the client's status_request off. */
    static final String STATUS_REQUEST_PROPERTY = "jdk.tls.client.enableStatusRequestExtension";
    private final String host;
    private final int port;
    private final ClientOptions base;
    private final PrintStream progress;
    private final ProbeResult result = new ProbeResult();

    Prober(String host, int port, ClientOptions base, PrintStream progress) {
        this.host = host;
        this.port = port;
        this.base = base;
        this.progress = progress;
    }

    ProbeResult run() throws CliException {
        long start = System.nanoTime();
        result.target = host + ":" + port;
        phase("protocol versions");
        for (String v : VERSIONS) {
            result.versions.put(v, attempt(offer(v)));
        }
        List<String> supported = VERSIONS.stream().filter(v -> result.versions.get(v).ok()).toList();
        if (supported.isEmpty()) {
            endPhase();
            Attempt first = result.versions.get("TLSv1.3");
            throw CliException.failure("no TLS 1.3 or 1.2 handshake with " + result.target + " succeeded: "
                    + first.failure());
        }
        String best = supported.get(0);
        result.chain = result.versions.get(best).chain();
        for (String v : supported) {
            phase("cipher suites, " + v);
            suites(v);
        }
        phase("key-exchange groups");
        groups(supported);
        phase("HelloRetryRequest");
        helloRetry();
        phase("signature schemes");
        schemes(supported);
        phase("ALPN");
        alpn(best);
        phase("session resumption");
        for (String v : supported) {
            result.resumption.put(v, resumption(v));
        }
        phase("certificate verification");
        result.verification = verify();
        endPhase();
        result.millis = (System.nanoTime() - start) / 1_000_000;
        return result;
    }

    private void suites(String version) {
        List<String> remaining = new ArrayList<>(version.equals("TLSv1.3") ? AlgorithmNames.tls13Suites()
                : AlgorithmNames.tls12Suites());
        List<String> chosen = new ArrayList<>();
        while (!remaining.isEmpty()) {
            ClientOptions o = offer(version);
            o.cipherSuites = List.copyOf(remaining);
            Attempt a = attempt(o);
            if (!a.ok() || !remaining.remove(a.suite())) {
                break;
            }
            chosen.add(a.suite());
        }
        result.suites.put(version, chosen);
        ProbeResult.SuiteOrder order = ProbeResult.SuiteOrder.UNKNOWN;
        if (chosen.size() > 1) {
            // Offer the accepted suites reversed: a server that honours the client's order picks the
            // new first one; one with its own order still picks its favourite.
            ClientOptions o = offer(version);
            List<String> reversed = new ArrayList<>(chosen);
            java.util.Collections.reverse(reversed);
            o.cipherSuites = reversed;
            Attempt a = attempt(o);
            if (a.ok()) {
                order = a.suite().equals(chosen.get(0)) ? ProbeResult.SuiteOrder.SERVER : ProbeResult.SuiteOrder.CLIENT;
            }
        }
        result.suiteOrder.put(version, order);
    }

    private void groups(List<String> supported) {
        String certCurve = ecdsaCurve(result.chain);
        for (String g : AlgorithmNames.groups()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String v : supported) {
                if (v.equals("TLSv1.2") && AlgorithmNames.isPostQuantumHybrid(g)) {
                    row.put(v, "n/a"); // hybrid ML-KEM groups are defined for TLS 1.3 only
                    continue;
                }
                ClientOptions o = offer(v);
                // RFC 8422 §5.1: in TLS 1.2 the groups also limit the curve of the server's ECDSA
                // key, so that curve must be offered too, after the group under test.
                boolean withCertCurve = v.equals("TLSv1.2") && certCurve != null && !certCurve.equals(g);
                o.groups = withCertCurve ? List.of(g, certCurve) : List.of(g);
                Attempt a = attempt(o);
                if (a.ok() && g.equals(a.group())) {
                    row.put(v, "yes");
                } else if (a.ok() && withCertCurve) {
                    row.put(v, "no*");
                    result.tls12CertCurve = certCurve;
                } else {
                    row.put(v, "no");
                }
            }
            result.groups.put(g, row);
        }
        if (supported.contains("TLSv1.3")) {
            result.defaultOffer = attempt(offer("TLSv1.3"));
        }
    }

    /** The named curve of an ECDSA leaf certificate's key, or null. */
    static String ecdsaCurve(List<X509Certificate> chain) {
        if (chain.isEmpty() || !(chain.get(0).getPublicKey() instanceof java.security.interfaces.ECPublicKey ec)) {
            return null;
        }
        return switch (ec.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> null;
        };
    }

    /**
     * RFC 8446 §4.1.4: offer a group the server refused, with a key share only for it, plus one it
     * accepts without a share. A conforming server asks for the second with a HelloRetryRequest.
     */
    private void helloRetry() {
        Map<String, String> tls13 = new LinkedHashMap<>();
        result.groups.forEach((g, row) -> tls13.put(g, row.getOrDefault("TLSv1.3", "n/a")));
        String refused = tls13.entrySet().stream().filter(e -> e.getValue().equals("no")).map(Map.Entry::getKey)
                .filter(g -> !g.equals("x25519")).findFirst().orElse(null);
        String accepted = tls13.entrySet().stream().filter(e -> e.getValue().equals("yes")).map(Map.Entry::getKey)
                .filter(g -> !g.equals("x25519") && !g.equals("X25519MLKEM768")).findFirst().orElse(null);
        if (!result.versions.get("TLSv1.3").ok()) {
            result.hrrOutcome = "not applicable (no TLS 1.3)";
            return;
        }
        if (refused == null || accepted == null) {
            result.hrrOutcome = "not tested: needs a group the server refuses and another (not x25519) it accepts";
            return;
        }
        ClientOptions o = offer("TLSv1.3");
        // Layer45 sends a key share for the first group listed when neither default-share group is.
        o.groups = List.of(refused, accepted);
        result.hrrOffer = "groups " + refused + ", " + accepted + "; key share " + refused + " only";
        Attempt a = attempt(o);
        Observations w = a.wire();
        if (w.helloRetryRequest()) {
            result.hrrOutcome = "HelloRetryRequest for " + w.helloRetryGroup().name()
                    + (a.ok() ? ", then the handshake completed with " + a.group() : ", then failed: " + a.failure());
        } else if (a.ok()) {
            result.hrrOutcome = "no HelloRetryRequest: negotiated " + a.group() + " directly (unexpected)";
        } else {
            result.hrrOutcome = "no HelloRetryRequest; the handshake failed: " + a.failure();
        }
    }

    private void schemes(List<String> supported) {
        for (String s : AlgorithmNames.signatureSchemes()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String v : supported) {
                ClientOptions o = offer(v);
                o.signatureSchemes = List.of(s);
                row.put(v, attempt(o).ok() ? "yes" : "no");
            }
            result.schemes.put(s, row);
        }
    }

    private void alpn(String version) {
        for (List<String> offer : List.of(List.of("h2", "http/1.1"), List.of("http/1.1"), List.of("h2"),
                List.of("layer45-unknown-protocol"))) {
            ClientOptions o = offer(version);
            o.alpn = offer;
            Attempt a = attempt(o);
            String outcome = !a.ok() ? "handshake failed: " + a.failure()
                    : a.alpn() == null ? "none selected" : a.alpn();
            result.alpn.add(new String[] {String.join(",", offer), outcome});
        }
    }

    /** Two connections through one client (one session cache): is the second resumed, and how? */
    private String resumption(String version) {
        TlsClient client;
        try {
            client = new TlsClient(insecure(base));
        } catch (IOException | GeneralSecurityException e) {
            return "not tested: " + e.getMessage();
        }
        Attempt first = attempt(client, offer(version), true);
        if (!first.ok()) {
            return "first connection failed: " + first.failure();
        }
        Attempt second = attempt(client, offer(version), false);
        if (!second.ok()) {
            return "resuming connection failed: " + second.failure();
        }
        Observations w1 = first.wire();
        Observations w2 = second.wire();
        if (version.equals("TLSv1.3")) {
            if (second.resumed()) {
                return "yes: PSK from a session ticket (" + (second.group() == null ? "psk_ke" : "psk_dhe_ke, "
                        + second.group()) + ")";
            }
            return w2.clientOfferedPsk() ? "no: the server declined the offered PSK" : "no: no ticket was received";
        }
        String issued = (w1.tls12TicketIssued() ? "ticket issued (lifetime hint " + w1.tls12TicketLifetimeSeconds()
                + " s)" : "no ticket") + ", session id " + (w1.serverSessionIdLength() > 0 ? "assigned" : "empty");
        if (!second.resumed()) {
            return "no (" + issued + ")";
        }
        return "yes via " + (w2.clientTicketLength() > 0 ? "session ticket" : "session id") + " (" + issued + ")";
    }

    private String verify() {
        ClientOptions o = base.copy();
        o.insecure = false;
        try {
            TlsClient client = new TlsClient(o);
            try (TlsConnection c = client.connect(host, port, o, new WireTap(null))) {
                result.handshakes++;
                dot();
                return "trusted: chain to a CA in " + o.trustSource() + ", host name " + host + " matches";
            } catch (IOException e) {
                result.handshakes++;
                dot();
                return "NOT trusted: " + FailureExplainer.explain(e, host, port, client.trust(), o.trustSource());
            }
        } catch (IOException | GeneralSecurityException e) {
            return "not checked: cannot load " + o.trustSource() + ": " + e.getMessage();
        }
    }

    private ClientOptions offer(String version) {
        ClientOptions o = insecure(base);
        o.protocols = List.of(version);
        o.alpn = List.of();
        return o;
    }

    private static ClientOptions insecure(ClientOptions base) {
        ClientOptions o = base.copy();
        o.insecure = true; // inspecting, not trusting: the certificate is verified once, in verify()
        o.caFile = null;
        return o;
    }

    private Attempt attempt(ClientOptions o) {
        try {
            return attempt(new TlsClient(o), o, false);
        } catch (IOException | GeneralSecurityException e) {
            return Attempt.failed(e.getMessage(), new Observations());
        }
    }

    private Attempt attempt(TlsClient client, ClientOptions o, boolean awaitTickets) {
        WireTap tap = new WireTap(null);
        result.handshakes++;
        dot();
        try (TlsConnection c = client.connect(host, port, o, tap)) {
            if (awaitTickets) {
                awaitTickets(c);
            }
            return new Attempt(true, c.protocol(), c.cipherSuite(), c.group(), c.applicationProtocol(), c.resumed(),
                    tap.observations(), peerChain(c), null, stapled(c));
        } catch (IOException e) {
            return Attempt.failed(FailureExplainer.explain(e, host, port, client.trust(), o.trustSource()),
                    tap.observations());
        }
    }

    /**
     * TLS 1.3 tickets arrive after the handshake (RFC 8446 §4.6.1) and are processed when the
     * client reads: send an HTTP request (most TLS servers probed are HTTPS) and read the answer,
     * for at most a second.
     */
    private void awaitTickets(TlsConnection c) {
        try {
            c.socket().setSoTimeout(1000);
            OutputStream out = c.socket().getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = c.socket().getInputStream();
            byte[] buf = new byte[8192];
            while (in.read(buf) >= 0) {
                // drain the response; the tickets are taken in on the way
            }
        } catch (IOException e) {
            // A timeout or reset after the handshake: whatever tickets arrived are in the session cache.
            return;
        }
    }

    /**
     * The OCSP response stapled for the leaf certificate (ExtendedSSLSession, leaf first), or null.
     * Layer45's JSSE client sends status_request (RFC 6066 §8) unless
     * {@code jdk.tls.client.enableStatusRequestExtension=false}; see {@link #STATUS_REQUEST_PROPERTY}.
     */
    private static byte[] stapled(TlsConnection c) {
        if (!(c.session() instanceof ExtendedSSLSession s)) {
            return null;
        }
        List<byte[]> responses = s.getStatusResponses();
        return responses.isEmpty() || responses.get(0).length == 0 ? null : responses.get(0);
    }

    /** Whether the probe's handshakes carry status_request (Layer45's JSSE default, as SunJSSE's). */
    static boolean requestsStapling() {
        return !"false".equalsIgnoreCase(System.getProperty(STATUS_REQUEST_PROPERTY, "true").trim());
    }

    private static List<X509Certificate> peerChain(TlsConnection c) {
        return c.trust().chain();
    }

    private boolean inPhase;

    /** Progress on stderr: one line per phase, a dot per handshake. */
    private void phase(String name) {
        endPhase();
        progress.print("probing " + result.target + ": " + name + " ");
        progress.flush();
        inPhase = true;
    }

    private void dot() {
        progress.print('.');
        progress.flush();
    }

    private void endPhase() {
        if (inPhase) {
            progress.println();
            inPhase = false;
        }
    }
}
