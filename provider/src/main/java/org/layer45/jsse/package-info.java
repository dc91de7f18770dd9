/**
 * The JSSE adapter (DESIGN.md §2): {@link org.layer45.jsse.ContextSpi} (SSLContext),
 * {@link org.layer45.jsse.Engine} (SSLEngine over one sans-I/O connection),
 * {@link org.layer45.jsse.EngineSocket} / {@link org.layer45.jsse.EngineServerSocket} (built on the
 * Engine), {@link org.layer45.jsse.Session}, the SSLParameters → Config mapping and the
 * X509KeyManager / X509TrustManager bridges. The only package besides {@code provider} that touches
 * javax.net.ssl, java.net or threads.
 */
package org.layer45.jsse;
