package org.layer45.cli.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks the server's certificate with a real trust manager (or, for {@code --insecure}, not at
 * all) and remembers the chain it was shown and why it was refused, so a failed handshake can be
 * explained in one sentence naming the certificate. The socket is passed through, so the JDK's
 * PKIX trust manager also does HTTPS host name verification (RFC 2818 §3.1, RFC 6125).
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private volatile List<X509Certificate> chain = List.of();
    private volatile CertificateException failure;

    /** @param delegate the trust manager that decides, or null to accept every certificate (insecure) */
    public RecordingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    public boolean insecure() {
        return delegate == null;
    }

    /** The chain the server presented (leaf first), empty before the server's Certificate. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Why the chain was refused, or null. */
    public CertificateException failure() {
        return failure;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        chain = List.of(certs);
        if (delegate != null) {
            try {
                delegate.checkServerTrusted(certs, authType, socket);
            } catch (CertificateException e) {
                failure = e;
                throw e;
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        chain = List.of(certs);
        if (delegate != null) {
            try {
                delegate.checkServerTrusted(certs, authType, engine);
            } catch (CertificateException e) {
                failure = e;
                throw e;
            }
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        chain = List.of(certs);
        if (delegate != null) {
            try {
                delegate.checkServerTrusted(certs, authType);
            } catch (CertificateException e) {
                failure = e;
                throw e;
            }
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
    }
}
