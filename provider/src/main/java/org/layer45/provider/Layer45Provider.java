package org.layer45.provider;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.layer45.jsse.ContextSpi;

/**
 * The {@code Layer45} JSSE provider: registration only (DESIGN.md §2). It offers the SSLContext
 * algorithms {@code TLS}, {@code TLSv1.3}, {@code TLSv1.2} and {@code Default}; key and trust manager factories are
 * left to the JDK (any X509KeyManager / X509TrustManager works with our contexts).
 *
 * <p>Install it with {@code security.provider.1=Layer45} (or the class name) in a
 * {@code java.security} override, with {@code Security.insertProviderAt(new Layer45Provider(), 1)},
 * or ask for it by name: {@code SSLContext.getInstance("TLS", "Layer45")}. It is found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/java.security.Provider}.
 */
public final class Layer45Provider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider name used by {@code getInstance(..., "Layer45")}. */
    public static final String NAME = "Layer45";

    public Layer45Provider() {
        super(NAME, "0.1", "Layer45 pure-Java TLS 1.3 / 1.2 (SSLContext TLS, TLSv1.3, TLSv1.2, Default)");
        // Services instantiate our classes directly: no reflection, so the jsse package need not be
        // exported when this provider runs as a named module.
        sslContext("TLS", ContextSpi.Tls.class, ContextSpi.Tls::new);
        sslContext("TLSv1.3", ContextSpi.Tls13.class, ContextSpi.Tls13::new);
        sslContext("TLSv1.2", ContextSpi.Tls12.class, ContextSpi.Tls12::new);
        sslContext("Default", ContextSpi.Default.class, ContextSpi.Default::new);
    }

    private void sslContext(String algorithm, Class<? extends ContextSpi> type, Supplier<ContextSpi> factory) {
        putService(new SupplierService(this, algorithm, type.getName(), factory));
    }

    /** A service whose implementation comes from a constructor reference. */
    private static final class SupplierService extends Service {
        private final transient Supplier<ContextSpi> factory;

        SupplierService(Provider p, String algorithm, String className, Supplier<ContextSpi> factory) {
            super(p, "SSLContext", algorithm, className, List.of(), Map.of());
            this.factory = factory;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            if (constructorParameter != null) {
                throw new java.security.InvalidParameterException("SSLContext takes no constructor parameter");
            }
            return factory.get();
        }
    }
}
