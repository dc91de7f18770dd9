package org.layer45.jsse;

import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.DefaultCryptoBackend;
import org.layer45.connection.Config;
import org.layer45.handshake.InMemoryTicketStore;
import org.layer45.handshake.SessionCache12;
import org.layer45.handshake.TicketKeys;
import org.layer45.handshake.TicketStore;

/**
 * What one initialised SSLContext shares between its engines and sockets: the first X509 key and
 * trust managers (JSSE: "only the first instance of a particular key and/or trust manager
 * implementation type in the array is used"), the crypto backend, client ticket store, server
 * ticket keys and TLS 1.2 session cache, the two session contexts, and the protocols a client
 * enables by default (all of them, or only TLS 1.2 for a "TLSv1.2" context, as in SunJSSE; servers
 * always enable every supported protocol).
 */
final class ContextState {
    private final X509KeyManager keyManager;
    private final X509TrustManager trustManager;
    private final CryptoBackend backend;
    private final TicketStore ticketStore = new InMemoryTicketStore();
    private final TicketKeys ticketKeys;
    private final SessionCache12 sessionCache12;
    private final List<String> clientDefaultProtocols;
    private final SessionContext clientSessions = new SessionContext();
    private final SessionContext serverSessions = new SessionContext();

    ContextState(X509KeyManager keyManager, X509TrustManager trustManager, SecureRandom random,
            List<String> clientDefaultProtocols) {
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.backend = random != null ? DefaultCryptoBackend.create(random) : DefaultCryptoBackend.create();
        this.ticketKeys = new TicketKeys(backend, System::currentTimeMillis,
                Config.DEFAULT_TICKET_LIFETIME_SECONDS * 1000L);
        this.sessionCache12 = new SessionCache12(Config.DEFAULT_SESSION_CACHE_SIZE,
                Config.DEFAULT_TICKET_LIFETIME_SECONDS * 1000L);
        this.clientDefaultProtocols = List.copyOf(clientDefaultProtocols);
    }

    /**
     * SSLContext.init semantics: null key managers mean none; null trust managers mean the default
     * TrustManagerFactory's (which honours javax.net.ssl.trustStore, else cacerts).
     */
    static ContextState create(KeyManager[] km, TrustManager[] tm, SecureRandom random,
            List<String> clientDefaultProtocols) throws KeyManagementException {
        X509TrustManager trust = tm == null ? defaultTrustManager() : firstOf(tm, X509TrustManager.class);
        return new ContextState(firstOf(km, X509KeyManager.class), trust, random, clientDefaultProtocols);
    }

    static X509TrustManager defaultTrustManager() throws KeyManagementException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return firstOf(tmf.getTrustManagers(), X509TrustManager.class);
        } catch (NoSuchAlgorithmException | java.security.KeyStoreException e) {
            throw new KeyManagementException("cannot load the default trust managers", e);
        }
    }

    private static <T> T firstOf(Object[] managers, Class<T> type) {
        if (managers == null) {
            return null;
        }
        for (Object m : managers) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        return null;
    }

    // @formatter:off
    X509KeyManager keyManager() { return keyManager; }
    X509TrustManager trustManager() { return trustManager; }
    CryptoBackend backend() { return backend; }
    TicketStore ticketStore() { return ticketStore; }
    TicketKeys ticketKeys() { return ticketKeys; }
    SessionCache12 sessionCache12() { return sessionCache12; }
    /** The protocols enabled by default on a client (true) or server (false) engine or socket. */
    List<String> defaultProtocols(boolean client) { return client ? clientDefaultProtocols : Protocols.SUPPORTED; }
    SessionContext clientSessions() { return clientSessions; }
    SessionContext serverSessions() { return serverSessions; }
    // @formatter:on
}
