package org.layer45.cli.tls;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;

/**
 * Turns what went wrong while connecting into one sentence a person can act on: "certificate for
 * wrong.host.example does not match localhost", "server refused the handshake (alert
 * protocol_version): it does not accept TLSv1.2", "cannot connect to 127.0.0.1:1: connection
 * refused". The certificate the server showed comes from the {@link RecordingTrustManager}.
 */
public final class FailureExplainer {
    /** SunJSSE's HostnameChecker messages (sun.security.util.HostnameChecker). */
    private static final Pattern NAME_MISMATCH = Pattern.compile(
            "No (?:subject alternative (?:DNS )?names? matching (?:IP address )?|name matching )(\\S+?) found");

    private FailureExplainer() {
    }

    public static String explain(Throwable e, String host, int port, RecordingTrustManager trust, String trustSource) {
        String target = host + ":" + port;
        if (e instanceof UnknownHostException) {
            return "cannot resolve host " + host;
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "cannot connect to " + target + ": " + lowerFirst(e.getMessage());
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + target + " in time (" + lowerFirst(e.getMessage()) + ")";
        }
        if (trust != null && trust.failure() != null && !trust.chain().isEmpty()) {
            return certificateProblem(trust.failure(), trust.chain(), host, trustSource);
        }
        TlsFailure tls = find(e, TlsFailure.class);
        if (tls != null) {
            return tlsProblem(tls, target);
        }
        if (find(e, EOFException.class) != null || e instanceof SSLException && String.valueOf(e.getMessage())
                .toLowerCase(java.util.Locale.ROOT).contains("closed")) {
            return target + " closed the connection during the TLS handshake (is it a TLS server on that port?)";
        }
        return (e instanceof SSLException ? "TLS with " : "talking to ") + target + " failed: " + e.getMessage();
    }

    private static String certificateProblem(Exception failure, List<X509Certificate> chain, String host,
            String trustSource) {
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        Matcher m = NAME_MISMATCH.matcher(messages(failure));
        if (m.find()) {
            List<String> names = HandshakeSummary.subjectAltNames(leaf).stream()
                    .map(n -> n.replaceFirst("^(DNS|IP):", "")).toList();
            return "certificate for " + String.join(", ", names) + " does not match " + host;
        }
        CertificateExpiredException expired = find(failure, CertificateExpiredException.class);
        if (expired != null || leaf.getNotAfter().before(new java.util.Date())) {
            X509Certificate which = expiredOne(chain);
            return "certificate " + which.getSubjectX500Principal().getName() + " expired on "
                    + HandshakeSummary.expiryText(which).replaceFirst(" \\(.*", "");
        }
        if (find(failure, CertificateNotYetValidException.class) != null) {
            return "certificate " + subject + " is not valid before " + leaf.getNotBefore().toInstant();
        }
        if (messages(failure).contains("certification path")) {
            boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
            return "certificate " + subject + (selfSigned ? " is self-signed and" : " (issued by "
                    + leaf.getIssuerX500Principal().getName() + ")") + " is not trusted: no path to a CA in "
                    + trustSource + "; pass its CA with --cacert FILE";
        }
        return "certificate " + subject + " was refused: " + failure.getMessage();
    }

    private static X509Certificate expiredOne(List<X509Certificate> chain) {
        for (X509Certificate c : chain) {
            if (c.getNotAfter().before(new java.util.Date())) {
                return c;
            }
        }
        return chain.get(0);
    }

    private static String tlsProblem(TlsFailure f, String target) {
        String alert = f.alert().name();
        if (f.reason() != Reason.PEER_ALERT) {
            return "Layer45 ended the handshake with " + target + " (sent alert " + alert + "): " + f.detail();
        }
        String hint = switch (alert) {
            case "protocol_version" -> ": it accepts none of the protocol versions offered";
            case "handshake_failure" -> ": no cipher suite, group or signature scheme in common";
            case "insufficient_security" -> ": it wants stronger parameters than those offered";
            case "no_application_protocol" -> ": it speaks none of the ALPN protocols offered";
            case "unrecognized_name" -> ": it does not know the server name (SNI) sent";
            case "certificate_required" -> ": it requires a client certificate";
            default -> "";
        };
        return target + " refused the handshake (alert " + alert + ")" + hint;
    }

    private static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append(' ');
        }
        return out.toString();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "failed";
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
