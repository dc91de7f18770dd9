package org.layer45.interop;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.conscrypt.Conscrypt;
import org.layer45.jsse.Session;

/**
 * A real TLS server socket of one {@link TlsStack} on 127.0.0.1, reached through a {@link WireTap},
 * to which clients of another stack connect one at a time (twice for resumption: the port stays the
 * same, so client session caches keyed by host and port apply). Every socket is a real
 * {@code SSLSocket} of its provider; each side is configured only through JSSE or that provider's
 * public API. Each connection yields the {@link Facts} both sides report and what the tap saw.
 */
final class LoopbackTls implements AutoCloseable {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-tls-server");
        t.setDaemon(true);
        return t;
    });
    private static final int TIMEOUT_MILLIS = 20_000;
    /** BoringSSL's default groups, set explicitly while the JDK 17 property is in force (see Layer45Groups). */
    private static final List<String> CONSCRYPT_DEFAULT_GROUPS = List.of("X25519MLKEM768", "x25519", "secp256r1",
            "secp384r1");

    /** What the application does on a socket after the handshake. */
    interface Script {
        void run(SSLSocket socket) throws Exception;
    }

    /** One side's settings: null fields keep the provider's defaults. */
    static final class Side {
        final TlsStack stack;
        final SSLContext context;
        String[] protocols;
        String[] suites;
        List<String> groups;
        String[] alpn;
        boolean needClientAuth;
        String host = "localhost";
        boolean verifyHostname = true;
        Script extra;

        Side(TlsStack stack, SSLContext context) {
            this.stack = stack;
            this.context = context;
        }

        Side protocols(String... p) {
            protocols = p;
            return this;
        }

        Side suites(String... s) {
            suites = s;
            return this;
        }

        Side groups(String... g) {
            groups = List.of(g);
            return this;
        }

        Side alpn(String... a) {
            alpn = a;
            return this;
        }

        Side needClientAuth() {
            needClientAuth = true;
            return this;
        }

        /** Client: the host name given to createSocket (SNI is derived from it), without hostname checks. */
        Side host(String h) {
            host = h;
            verifyHostname = false;
            return this;
        }

        Side extra(Script s) {
            extra = s;
            return this;
        }

        void apply(SSLSocket s, boolean client) throws Exception {
            if (protocols != null) {
                s.setEnabledProtocols(protocols);
            }
            if (suites != null) {
                s.setEnabledCipherSuites(suites);
            }
            SSLParameters p = s.getSSLParameters();
            if (client && verifyHostname) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (alpn != null && stack != TlsStack.CONSCRYPT) {
                p.setApplicationProtocols(alpn);
            }
            if (needClientAuth) {
                p.setNeedClientAuth(true);
            }
            s.setSSLParameters(p);
            if (alpn != null && stack == TlsStack.CONSCRYPT) {
                Conscrypt.setApplicationProtocols(s, alpn);
            }
            if (groups != null) {
                stack.restrictGroups(s, groups);
            } else if (stack == TlsStack.CONSCRYPT && Layer45Groups.propertySet()) {
                stack.restrictGroups(s, CONSCRYPT_DEFAULT_GROUPS);
            }
            if (extra != null) {
                extra.run(s);
            }
        }
    }

    /**
     * What one side's own API reported after the handshake: version, suite, ALPN, the group as the
     * stack itself reports it (Layer45: org.layer45.namedGroup; Conscrypt: getGroupName; else null),
     * Layer45's session values (null on other stacks), the peer's principal and key algorithm, the
     * SNI names a server saw, the session id and creation time (peers' view of resumption).
     */
    record Facts(String protocol, String suite, String alpn, String group, Object layer45Provider,
            Object layer45Group, Object layer45Resumed, String peerPrincipal, String peerKeyAlgorithm,
            List<String> serverNames, String sessionId, long creationTime) {

        static Facts of(TlsStack stack, SSLSocket s, boolean server) {
            SSLSession ss = s.getSession();
            String principal = null;
            String keyAlg = null;
            try {
                principal = ss.getPeerPrincipal().getName();
                Certificate[] chain = ss.getPeerCertificates();
                keyAlg = chain[0].getPublicKey().getAlgorithm();
            } catch (SSLPeerUnverifiedException e) {
                principal = null; // an anonymous client: facts say so
            }
            List<String> names = server ? stack.requestedServerNames(s) : List.of();
            return new Facts(ss.getProtocol(), ss.getCipherSuite(), s.getApplicationProtocol(),
                    stack.reportedGroup(s), ss.getValue(Session.PROVIDER_KEY), ss.getValue(Session.NAMED_GROUP_KEY),
                    ss.getValue(Session.RESUMED_KEY), principal, keyAlg, names,
                    HexFormat.of().formatHex(ss.getId()), ss.getCreationTime());
        }
    }

    /** One connection's outcome: each side's facts (null if it failed) and error, and the wire. */
    record Result(Facts client, Facts server, Throwable clientError, Throwable serverError, WireTap.Flow wire) {
        /** Fails with both sides' errors and the wire trace unless both sides succeeded. */
        Result ok() {
            if (clientError != null || serverError != null) {
                AssertionError e = new AssertionError("client: " + clientError + "\nserver: " + serverError
                        + "\nwire: " + wire);
                if (clientError != null) {
                    e.addSuppressed(clientError);
                }
                if (serverError != null) {
                    e.addSuppressed(serverError);
                }
                throw e;
            }
            return this;
        }
    }

    private final Side server;
    private final SSLServerSocket listener;
    private final WireTap tap;

    LoopbackTls(Side server) throws IOException {
        this.server = server;
        listener = (SSLServerSocket) server.context.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        listener.setSoTimeout(TIMEOUT_MILLIS);
        tap = new WireTap(listener.getLocalPort());
    }

    int port() {
        return tap.port();
    }

    /** Connects with the default exchange: the client sends 3000 random bytes, the server echoes them. */
    Result connect(Side client) throws Exception {
        return connect(client, LoopbackTls::sendAndCheckEcho, LoopbackTls::echoUntilEnd);
    }

    Result connect(Side client, Script clientScript, Script serverScript) throws Exception {
        int index = tap.connectionCount();
        boolean viaProperty = TlsStack.SET_NAMED_GROUPS == null;
        for (Side s : List.of(client, server)) {
            if (viaProperty && s.stack.isLayer45() && s.groups != null) {
                Layer45Groups.requireProperty(s.groups); // before either socket exists (see Layer45Groups)
            }
        }
        try {
            Future<Facts> serverFacts = POOL.submit(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(TIMEOUT_MILLIS);
                    server.apply(s, false);
                    s.startHandshake();
                    serverScript.run(s);
                    return Facts.of(server.stack, s, true);
                }
            });
            Facts clientFacts = null;
            Throwable clientError = null;
            Socket plain = new Socket(InetAddress.getLoopbackAddress(), tap.port());
            try (SSLSocket c = (SSLSocket) client.context.getSocketFactory().createSocket(plain, client.host,
                    tap.port(), true)) {
                c.setSoTimeout(TIMEOUT_MILLIS);
                client.apply(c, true);
                c.startHandshake();
                clientScript.run(c);
                clientFacts = Facts.of(client.stack, c, false);
            } catch (Exception | AssertionError e) {
                clientError = e;
            }
            Facts sf = null;
            Throwable serverError = null;
            try {
                sf = serverFacts.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                serverError = e.getCause();
            } catch (TimeoutException e) {
                serverFacts.cancel(true);
                serverError = e;
            }
            WireTap.Flow flow = tap.connection(index);
            flow.awaitEnd(TIMEOUT_MILLIS);
            return new Result(clientFacts, sf, clientError, serverError, flow);
        } finally {
            if (viaProperty) {
                Layer45Groups.clearProperty();
            }
        }
    }

    @Override
    public void close() throws IOException {
        tap.close();
        listener.close();
    }

    // ---- scripts

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }

    /** Client: sends 3000 bytes, reads them back, compares. */
    static void sendAndCheckEcho(SSLSocket s) throws IOException {
        byte[] msg = randomBytes(3000, s.getLocalPort());
        s.getOutputStream().write(msg);
        s.getOutputStream().flush();
        byte[] back = readFully(s.getInputStream(), msg.length);
        if (!Arrays.equals(msg, back)) {
            throw new IOException("echo differs from what was sent");
        }
    }

    /** Server: echoes until the client's close_notify (read returns -1). */
    static void echoUntilEnd(SSLSocket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            out.flush();
        }
    }
}
