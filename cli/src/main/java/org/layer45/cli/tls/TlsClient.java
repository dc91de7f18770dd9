package org.layer45.cli.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.layer45.cli.pki.Pem;
import org.layer45.provider.Layer45Provider;

/**
 * Opens TLS connections through a Layer45 {@link SSLContext} (asked for by provider object, so
 * nothing is installed JVM-wide). One client keeps one context, hence one session cache: a second
 * {@link #connect} to the same host and port may resume (RFC 8446 §2.2). The TLS socket is layered
 * over a {@link TappedSocket} so the records can be watched.
 */
public final class TlsClient {
    private final SSLContext context;
    private final RecordingTrustManager trust;
    private final ClientOptions base;

    public TlsClient(ClientOptions options) throws IOException, GeneralSecurityException {
        this.base = options;
        this.trust = new RecordingTrustManager(options.insecure ? null : trustManager(options.caFile));
        this.context = SSLContext.getInstance("TLS", new Layer45Provider());
        context.init(null, new TrustManager[] {trust}, null);
    }

    public RecordingTrustManager trust() {
        return trust;
    }

    /** The JDK's PKIX trust manager over {@code caFile}'s certificates, or over cacerts when null. */
    private static X509ExtendedTrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        if (caFile == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.readCertificates(caFile)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            tmf.init(ks);
        }
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK has no X509ExtendedTrustManager for PKIX");
    }

    /** Connects with this client's options. */
    public TlsConnection connect(String host, int port, WireTap tap) throws IOException {
        return connect(host, port, base, tap);
    }

    /**
     * TCP connect, then a full TLS handshake with {@code options}' protocols, suites, groups,
     * signature schemes and ALPN. Groups and schemes go through the {@code jdk.tls.*} properties
     * (JDK 17 has no SSLParameters.setNamedGroups), which the provider reads per handshake.
     */
    public TlsConnection connect(String host, int port, ClientOptions options, WireTap tap) throws IOException {
        TappedSocket tcp = new TappedSocket(tap);
        long t0 = System.nanoTime();
        try {
            tcp.connect(new InetSocketAddress(host, port), options.timeoutMillis);
            tcp.setSoTimeout(options.timeoutMillis);
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
        long t1 = System.nanoTime();
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
        try {
            tls.setSSLParameters(parameters(tls, host, options));
            try (PropertyScope scope = new PropertyScope()) {
                scope.set("jdk.tls.namedGroups", options.groups);
                scope.set("jdk.tls.client.SignatureSchemes", options.signatureSchemes);
                scope.set("layer45.keylog", options.keyLog == null ? null : List.of(options.keyLog.toString()));
                tls.startHandshake();
            }
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
        long t2 = System.nanoTime();
        return new TlsConnection(host, port, tls, tap, trust, t1 - t0, t2 - t1);
    }

    private static SSLParameters parameters(SSLSocket socket, String host, ClientOptions options) {
        SSLParameters p = socket.getSSLParameters();
        if (options.protocols != null) {
            p.setProtocols(options.protocols.toArray(String[]::new));
        }
        if (options.cipherSuites != null) {
            p.setCipherSuites(options.cipherSuites.toArray(String[]::new));
        }
        p.setApplicationProtocols(options.alpn.toArray(String[]::new));
        if (!isIpLiteral(host)) {
            // As curl and HttpsURLConnection do: SNI even for a dot-less name such as "localhost".
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        if (!options.insecure) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
