package org.layer45.cli.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.layer45.cli.tls.AlgorithmNames;
import org.layer45.cli.tls.HandshakeSummary;

/** Prints a {@link ProbeResult} as sections of plain-text tables. */
final class ProbeReport {
    private ProbeReport() {
    }

    static List<String> render(ProbeResult r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Layer45 probe of %s: %d handshakes in %.1f s", r.target, r.handshakes,
                r.millis / 1000.0));
        List<String> supported = new ArrayList<>();
        section(out, "Protocol versions");
        TextTable versions = new TextTable("version", "supported");
        r.versions.forEach((v, a) -> {
            versions.row(v, a.ok() ? "yes" : "no (" + a.failure() + ")");
            if (a.ok()) {
                supported.add(v);
            }
        });
        out.addAll(versions.lines());
        out.add("  TLS 1.1 and older: not tested (Layer45 implements TLS 1.2 and 1.3 only)");

        section(out, "Cipher suites (in the order the server chose them)");
        TextTable suites = new TextTable("version", "#", "suite");
        r.suites.forEach((v, list) -> {
            for (int i = 0; i < list.size(); i++) {
                suites.row(i == 0 ? v : "", String.valueOf(i + 1), list.get(i));
            }
        });
        out.addAll(suites.lines());
        r.suiteOrder.forEach((v, order) -> out.add("  " + v + ": " + switch (order) {
            case SERVER -> "the server applies its own preference (offered in reverse, it still chose #1)";
            case CLIENT -> "the server follows the client's preference (offered in reverse, it chose the last), "
                    + "so the list above is Layer45's order";
            case UNKNOWN -> "one suite only, or the order check failed";
        }));

        section(out, "Key-exchange groups (one offered at a time)");
        List<String> header = new ArrayList<>(List.of("group"));
        header.addAll(supported);
        header.add("note");
        TextTable groups = new TextTable(header.toArray(String[]::new));
        r.groups.forEach((g, row) -> groups.row(cells(g, row, supported,
                AlgorithmNames.isPostQuantumHybrid(g) ? "post-quantum hybrid" : "")));
        out.addAll(groups.lines());
        if (r.tls12CertCurve != null) {
            out.add("  * TLS 1.2 needs the ECDSA certificate's curve among the groups (RFC 8422 §5.1); offered after");
            out.add("    the group tested, " + r.tls12CertCurve + " was chosen instead: unsupported, or not preferred");
        }
        if (r.defaultOffer != null) {
            out.add("  Layer45's default offer (key shares X25519MLKEM768 and x25519): "
                    + (r.defaultOffer.ok() ? r.defaultOffer.group() + (r.defaultOffer.wire().helloRetryRequest()
                            ? " after a HelloRetryRequest" : "") : "failed: " + r.defaultOffer.failure()));
        }

        section(out, "HelloRetryRequest");
        if (r.hrrOffer != null) {
            out.add("  offered: " + r.hrrOffer);
        }
        out.add("  result:  " + r.hrrOutcome);

        section(out, "Signature schemes (one offered at a time, for the server's CertificateVerify / key exchange)");
        List<String> sh = new ArrayList<>(List.of("scheme"));
        sh.addAll(supported);
        TextTable schemes = new TextTable(sh.toArray(String[]::new));
        r.schemes.forEach((s, row) -> schemes.row(cells(s, row, supported, null)));
        out.addAll(schemes.lines());

        section(out, "ALPN");
        TextTable alpn = new TextTable("offered", "selected");
        r.alpn.forEach(a -> alpn.row(a[0], a[1].replace(r.target + " refused the handshake ", "refused ")));
        out.addAll(alpn.lines());

        section(out, "Session resumption (a second connection with the first one's session)");
        TextTable res = new TextTable("version", "resumed");
        r.resumption.forEach((v, s) -> res.row(v, s));
        out.addAll(res.lines());

        section(out, "Certificate chain");
        List<String> chain = HandshakeSummary.chain(r.chain);
        if (r.chain.isEmpty()) {
            out.add("  none seen");
        }
        out.addAll(chain.subList(1, chain.size()));
        out.add("  verification: " + r.verification);

        section(out, "OCSP stapling (status_request, RFC 6066 §8; TLS 1.3: RFC 8446 §4.4.2.1)");
        if (!Prober.requestsStapling()) {
            out.add("  not requested: " + Prober.STATUS_REQUEST_PROPERTY + "=false");
            return out;
        }
        TextTable stapling = new TextTable("version", "stapled");
        r.versions.forEach((v, a) -> {
            if (a.ok()) {
                stapling.row(v, stapling(a.ocspResponse()));
            }
        });
        out.addAll(stapling.lines());
        return out;
    }

    /** "yes (N bytes, OCSP response status S, not validated)" or "no". */
    static String stapling(byte[] response) {
        if (response == null) {
            return "no";
        }
        return "yes (" + response.length + " bytes, OCSP response status " + ocspResponseStatus(response)
                + ", not validated)";
    }

    /**
     * RFC 6960 §4.2.1: {@code OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus (ENUMERATED),
     * responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }}: the status name, read from the DER without
     * parsing (or checking) the rest.
     */
    static String ocspResponseStatus(byte[] der) {
        int i = 0;
        if (der.length < 2 || der[i++] != 0x30) {
            return "unreadable";
        }
        int len = der[i++] & 0xFF;
        if (len > 0x80) {
            i += len - 0x80; // long-form length of the SEQUENCE
        } else if (len == 0x80) {
            return "unreadable";
        }
        if (i + 3 > der.length || der[i] != 0x0A || der[i + 1] != 1) {
            return "unreadable";
        }
        return switch (der[i + 2]) {
            case 0 -> "successful";
            case 1 -> "malformedRequest";
            case 2 -> "internalError";
            case 3 -> "tryLater";
            case 5 -> "sigRequired";
            case 6 -> "unauthorized";
            default -> "unknown(" + (der[i + 2] & 0xFF) + ")";
        };
    }

    private static String[] cells(String first, Map<String, String> row, List<String> versions, String note) {
        List<String> cells = new ArrayList<>(List.of(first));
        for (String v : versions) {
            cells.add(row.getOrDefault(v, "-"));
        }
        if (note != null) {
            cells.add(note);
        }
        return cells.toArray(String[]::new);
    }

    private static void section(List<String> out, String title) {
        out.add("");
        out.add(title);
    }
}
