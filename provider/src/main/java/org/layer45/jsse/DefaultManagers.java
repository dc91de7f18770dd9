package org.layer45.jsse;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the default context's managers as SunJSSE does (JSSE Reference Guide, "Customizing the
 * Default Keystores and Truststores"): the key store from {@code javax.net.ssl.keyStore},
 * {@code keyStoreType}, {@code keyStorePassword}, {@code keyStoreProvider}; the trust store through
 * the default TrustManagerFactory, which reads {@code javax.net.ssl.trustStore*} and falls back to
 * {@code jssecacerts} / {@code cacerts}. Problems leave that half empty instead of throwing.
 */
final class DefaultManagers {
    private DefaultManagers() {
    }

    static ContextState load() {
        return new ContextState(keyManager(), trustManager(), null, Protocols.SUPPORTED);
    }

    private static X509TrustManager trustManager() {
        try {
            return ContextState.defaultTrustManager();
        } catch (java.security.KeyManagementException e) {
            // No trust manager: every peer certificate is rejected, but the context still works.
            System.getLogger(DefaultManagers.class.getName()).log(System.Logger.Level.WARNING,
                    "Layer45 default SSLContext: no trust store", e);
            return null;
        }
    }

    private static X509KeyManager keyManager() {
        String file = System.getProperty("javax.net.ssl.keyStore");
        String type = System.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        String provider = System.getProperty("javax.net.ssl.keyStoreProvider");
        String password = System.getProperty("javax.net.ssl.keyStorePassword");
        char[] pass = password == null ? null : password.toCharArray();
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            KeyStore ks = provider == null || provider.isEmpty() ? KeyStore.getInstance(type)
                    : KeyStore.getInstance(type, provider);
            if ("NONE".equals(file)) {
                ks.load(null, pass); // a token-based store such as PKCS11
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    ks.load(in, pass);
                }
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509KeyManager x) {
                    return x;
                }
            }
            return null;
        } catch (GeneralSecurityException | java.io.IOException e) {
            System.getLogger(DefaultManagers.class.getName()).log(System.Logger.Level.WARNING,
                    "Layer45 default SSLContext: cannot load key store " + file, e);
            return null;
        }
    }
}
