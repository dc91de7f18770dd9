/**
 * Layer45: a pure-Java TLS 1.3 stack delivered as the JSSE provider {@code Layer45}. On the module
 * path it is found by ServiceLoader through the {@code provides} clause (and on the class path
 * through {@code META-INF/services/java.security.Provider}). The core packages are exported for the
 * CLI, the benchmarks and tests that use the sans-I/O API directly.
 */
module org.layer45.provider {
    requires org.bouncycastle.provider;

    exports org.layer45.provider;
    exports org.layer45.jsse;
    exports org.layer45.connection;
    exports org.layer45.handshake;
    exports org.layer45.crypto;
    exports org.layer45.error;
    exports org.layer45.iana;

    provides java.security.Provider with org.layer45.provider.Layer45Provider;
}
