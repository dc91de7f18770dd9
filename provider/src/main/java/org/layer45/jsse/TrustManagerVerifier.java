package org.layer45.jsse;

import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.handshake.PeerVerifier;
import org.layer45.handshake.Role;

/**
 * Bridges an application's {@link X509TrustManager} to the core's {@link PeerVerifier}, calling it
 * exactly as SunJSSE does for TLS 1.3 (sun.security.ssl.CertificateMessage): a client checks the
 * server with authType {@code "UNKNOWN"} ("sufficient to check the required digitalSignature
 * KeyUsage for TLS 1.3"); a server checks the client with the leaf key's algorithm when it is RSA,
 * DSA, EC or RSASSA-PSS, else {@code "UNKNOWN"}. An {@link X509ExtendedTrustManager} gets the engine
 * (or the socket), so it can read the handshake session and do endpoint identification (HTTPS,
 * LDAPS); a plain X509TrustManager gets our own {@link HostnameCheck} when one is requested.
 */
final class TrustManagerVerifier implements PeerVerifier {
    private final X509TrustManager tm;
    private final Engine engine;

    TrustManagerVerifier(X509TrustManager tm, Engine engine) {
        this.tm = tm;
        this.engine = engine;
    }

    @Override
    public void verify(List<X509Certificate> chain, String serverName, Role peerRole) throws TlsFailure {
        engine.handshakeSessionInternal().setPeerCertificates(chain);
        String who = peerRole == Role.SERVER ? "server" : "client";
        if (tm == null) {
            throw new TlsFailure(AlertDescription.CERTIFICATE_UNKNOWN, Reason.CERTIFICATE_REJECTED,
                    "no trust manager to check the " + who + " certificate");
        }
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        try {
            if (peerRole == Role.SERVER) {
                checkServer(certs);
            } else {
                checkClient(certs, clientAuthType(certs[0]));
            }
        } catch (CertificateException e) {
            throw new TlsFailure(alertFor(e), Reason.CERTIFICATE_REJECTED,
                    who + " certificate rejected: " + e.getMessage(), e);
        }
    }

    private void checkServer(X509Certificate[] certs) throws CertificateException {
        SSLSocket socket = engine.transportSocket();
        if (tm instanceof X509ExtendedTrustManager x) {
            if (socket != null) {
                x.checkServerTrusted(certs, "UNKNOWN", socket);
            } else {
                x.checkServerTrusted(certs, "UNKNOWN", engine);
            }
            return;
        }
        tm.checkServerTrusted(certs, "UNKNOWN");
        String alg = engine.parameters().endpointIdentificationAlgorithm;
        if (alg != null && !alg.isEmpty()) {
            HostnameCheck.verify(engine.handshakeSessionInternal(), certs[0], alg);
        }
    }

    private void checkClient(X509Certificate[] certs, String authType) throws CertificateException {
        SSLSocket socket = engine.transportSocket();
        if (tm instanceof X509ExtendedTrustManager x) {
            if (socket != null) {
                x.checkClientTrusted(certs, authType, socket);
            } else {
                x.checkClientTrusted(certs, authType, engine);
            }
            return;
        }
        tm.checkClientTrusted(certs, authType);
    }

    static String clientAuthType(X509Certificate leaf) {
        String alg = leaf.getPublicKey().getAlgorithm();
        return switch (alg) {
            case "RSA", "DSA", "EC", "RSASSA-PSS" -> alg;
            default -> "UNKNOWN";
        };
    }

    private static AlertDescription alertFor(CertificateException e) {
        if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException) {
            return AlertDescription.CERTIFICATE_EXPIRED;
        }
        if (e instanceof CertificateRevokedException) {
            return AlertDescription.CERTIFICATE_REVOKED;
        }
        return AlertDescription.CERTIFICATE_UNKNOWN;
    }
}
