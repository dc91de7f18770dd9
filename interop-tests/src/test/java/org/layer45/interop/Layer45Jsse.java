package org.layer45.interop;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.layer45.jsse.Session;
import org.layer45.provider.Layer45Provider;

/**
 * Layer45 through JSSE, as an application uses it: {@code SSLContext.getInstance("TLS", provider)}
 * with the JDK's own PKIX key and trust managers over the {@link TestPki} files (the provider is
 * passed as an object, so nothing is registered globally).
 */
final class Layer45Jsse {
    static final Layer45Provider PROVIDER = new Layer45Provider();
    private static final char[] PASSWORD = "changeit".toCharArray();

    private Layer45Jsse() {
    }

    /** A context whose key manager holds {@code keyName} (e.g. "server-ec"; null for none) and trusts {@code ca.pem}. */
    static SSLContext context(TestPki pki, String keyName) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", PROVIDER);
        ctx.init(keyName == null ? null : keyManagers(pki, keyName), trustManagers(pki, "ca.pem"), null);
        return ctx;
    }

    static KeyManager[] keyManagers(TestPki pki, String keyName) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        List<X509Certificate> chain = pki.certificates(keyName + ".pem");
        ks.setKeyEntry(keyName, pki.privateKey(keyName), PASSWORD, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, PASSWORD);
        return kmf.getKeyManagers();
    }

    static TrustManager[] trustManagers(TestPki pki, String caFile) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate c : pki.certificates(caFile)) {
            ts.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    /** What the Layer45 session negotiated, in one line (for assertions and failure messages). */
    static String describe(SSLSession s) {
        return s.getProtocol() + " " + s.getCipherSuite() + " group=" + s.getValue(Session.NAMED_GROUP_KEY)
                + " resumed=" + s.getValue(Session.RESUMED_KEY) + " provider=" + s.getValue(Session.PROVIDER_KEY);
    }
}
