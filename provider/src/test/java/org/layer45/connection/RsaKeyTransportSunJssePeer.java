package org.layer45.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.layer45.handshake.CertifiedKey;
import org.layer45.handshake.TrustedCertificatesVerifier;
import org.layer45.iana.CipherSuite;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.ProtocolVersion;
import org.layer45.provider.Layer45Provider;

/**
 * The child-JVM half of {@link RsaKeyTransportSunJsseTest}. Newer JDKs list {@code TLS_RSA_*} in
 * {@code jdk.tls.disabledAlgorithms} (JDK 25 does), which SunJSSE reads once, on first use; so this
 * program removes that entry with {@link Security#setProperty} before touching SunJSSE, in a JVM of
 * its own, then runs each scenario against a real SunJSSE SSLEngine in memory and prints one line of
 * observed facts per scenario ({@code RESULT ...}) for the parent test to assert. Any failure throws
 * (non-zero exit).
 */
final class RsaKeyTransportSunJssePeer {
    static final String TO_OURS = "hello from sunjsse";
    static final String TO_SUN = "hello from layer45";
    private static final CertifiedKey RSA = TestCertificates.get(TestCertificates.Kind.RSA_2048);

    private RsaKeyTransportSunJssePeer() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("RESULT disabledAlgorithms listed TLS_RSA_*: " + allowRsaKeyTransport());
        for (CipherSuite suite : Config.RSA_KEY_TRANSPORT_SUITES) {
            coreClient(suite);
            jsseClient(suite);
            coreServer(suite);
            jsseServer(suite);
        }
    }

    /** Removes {@code TLS_RSA_*} from jdk.tls.disabledAlgorithms; whether it was there. */
    private static boolean allowRsaKeyTransport() {
        String property = "jdk.tls.disabledAlgorithms";
        List<String> kept = new ArrayList<>();
        boolean listed = false;
        for (String entry : Security.getProperty(property).split(",")) {
            if (entry.trim().equals("TLS_RSA_*")) {
                listed = true;
            } else {
                kept.add(entry.trim());
            }
        }
        Security.setProperty(property, String.join(", ", kept));
        return listed;
    }

    /** The core ClientConnection, RSA suite enabled in its Config, against a SunJSSE server engine. */
    private static void coreClient(CipherSuite suite) throws Exception {
        SSLEngine server = sunJsse().createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledCipherSuites(new String[] {suite.name()});
        List<CipherSuite> suites = new ArrayList<>(Config.DEFAULT_SUITES);
        suites.add(suite);
        ClientConnection ours = new ClientConnection(Config.builder().serverName("localhost")
                .enabledProtocols(List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)).cipherSuites(suites)
                .peerVerifier(TrustedCertificatesVerifier.pinned(RSA.chain())).build());
        ours.start();
        EnginePump p = new EnginePump(server, ours);
        server.beginHandshake();
        p.run();
        if (!ours.isHandshakeComplete()) {
            throw new IllegalStateException("layer45 in " + ours.stateName() + ", failure " + ours.failure());
        }
        p.fromEngine(TO_OURS.getBytes(StandardCharsets.US_ASCII));
        p.fromOurs(TO_SUN.getBytes(StandardCharsets.US_ASCII));
        System.out.println("RESULT core-client " + suite.name() + ": sunjsse " + server.getSession().getProtocol() + " "
                + server.getSession().getCipherSuite() + ", layer45 " + ours.session().version() + " "
                + ours.session().suite().name() + " ske="
                + ours.session().handshakeMessages().contains(HandshakeType.SERVER_KEY_EXCHANGE) + ", received "
                + p.oursReceived.toString(StandardCharsets.US_ASCII) + " / "
                + p.engineReceived.toString(StandardCharsets.US_ASCII));
    }

    /**
     * Layer45's SSLEngine against a SunJSSE server engine: the 128-bit suite enabled with
     * setEnabledCipherSuites, the 256-bit one with SSLParameters (listed before an ECDHE suite the
     * server does not take, so the offer order is ours, not the application's).
     */
    private static void jsseClient(CipherSuite suite) throws Exception {
        SSLEngine server = sunJsse().createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledCipherSuites(new String[] {suite.name()});
        SSLContext ctx = SSLContext.getInstance("TLS", new Layer45Provider());
        ctx.init(null, trustManagers(), null);
        SSLEngine client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        String how;
        if (suite.equals(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)) {
            client.setEnabledCipherSuites(new String[] {suite.name()});
            how = "setEnabledCipherSuites";
        } else {
            SSLParameters params = client.getSSLParameters();
            params.setCipherSuites(new String[] {suite.name(), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
            client.setSSLParameters(params);
            how = "SSLParameters";
        }
        handshake(client, server);
        String toServer = send(client, server, TO_SUN);
        String toClient = send(server, client, TO_OURS);
        System.out.println("RESULT jsse-client " + suite.name() + " via " + how + ": sunjsse "
                + server.getSession().getProtocol() + " " + server.getSession().getCipherSuite() + ", layer45 "
                + client.getSession().getProtocol() + " " + client.getSession().getCipherSuite() + ", received "
                + toClient + " / " + toServer);
    }

    /** A SunJSSE client engine offering only {@code suite} against the core ServerConnection (RSA enabled). */
    private static void coreServer(CipherSuite suite) throws Exception {
        SSLEngine client = sunJsse().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {suite.name()});
        ServerConnection ours = new ServerConnection(Config.builder().cipherSuites(Config.SUPPORTED_SUITES)
                .certificateSelector(org.layer45.handshake.CertificateSelector.fixed(RSA))
                .peerVerifier(org.layer45.handshake.PeerVerifier.rejectAll()).build());
        EnginePump p = new EnginePump(client, ours);
        client.beginHandshake();
        p.run();
        if (!ours.isHandshakeComplete()) {
            throw new IllegalStateException("layer45 in " + ours.stateName() + ", failure " + ours.failure());
        }
        p.fromEngine(TO_OURS.getBytes(StandardCharsets.US_ASCII));
        p.fromOurs(TO_SUN.getBytes(StandardCharsets.US_ASCII));
        System.out.println("RESULT core-server " + suite.name() + ": sunjsse " + client.getSession().getProtocol() + " "
                + client.getSession().getCipherSuite() + ", layer45 " + ours.session().version() + " "
                + ours.session().suite().name() + " ske="
                + ours.session().handshakeMessages().contains(HandshakeType.SERVER_KEY_EXCHANGE) + ", received "
                + p.oursReceived.toString(StandardCharsets.US_ASCII) + " / "
                + p.engineReceived.toString(StandardCharsets.US_ASCII));
    }

    /**
     * A SunJSSE client engine offering only {@code suite} against Layer45's server SSLEngine, which
     * enables it (with every default suite) through setEnabledCipherSuites (128) or SSLParameters (256).
     */
    private static void jsseServer(CipherSuite suite) throws Exception {
        SSLEngine client = sunJsse().createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledCipherSuites(new String[] {suite.name()});
        SSLContext ctx = SSLContext.getInstance("TLS", new Layer45Provider());
        ctx.init(keyManagers(), trustManagers(), null);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        List<String> enabled = new ArrayList<>(List.of(server.getEnabledCipherSuites()));
        enabled.add(suite.name());
        String how;
        if (suite.equals(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)) {
            server.setEnabledCipherSuites(enabled.toArray(String[]::new));
            how = "setEnabledCipherSuites";
        } else {
            SSLParameters params = server.getSSLParameters();
            params.setCipherSuites(enabled.toArray(String[]::new));
            server.setSSLParameters(params);
            how = "SSLParameters";
        }
        handshake(client, server);
        String toServer = send(client, server, TO_OURS);
        String toClient = send(server, client, TO_SUN);
        System.out.println("RESULT jsse-server " + suite.name() + " via " + how + ": sunjsse "
                + client.getSession().getProtocol() + " " + client.getSession().getCipherSuite() + ", layer45 "
                + server.getSession().getProtocol() + " " + server.getSession().getCipherSuite() + ", received "
                + toServer + " / " + toClient);
    }

    private static SSLContext sunJsse() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", "SunJSSE");
        ctx.init(keyManagers(), trustManagers(), null);
        return ctx;
    }

    private static javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", RSA.key(), "pw".toCharArray(), RSA.chain().toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
        kmf.init(ks, "pw".toCharArray());
        return kmf.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("t", RSA.chain().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    /** Drives two engines against each other in memory until both finished their handshakes. */
    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200; i++) {
            boolean moved = step(client, toServer, toClient) | step(server, toClient, toServer);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
            if (!moved) {
                throw new IllegalStateException("stuck: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
        }
        throw new IllegalStateException("handshake did not finish");
    }

    /** Wraps what {@code e} has to send into {@code out}, unwraps what waits in {@code in} (both in fill mode). */
    private static boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in) throws Exception {
        SSLEngineResult w = e.wrap(ByteBuffer.allocate(0), out);
        runTasks(e);
        in.flip();
        SSLEngineResult u = e.unwrap(in, ByteBuffer.allocate(1 << 17));
        in.compact();
        runTasks(e);
        return w.bytesProduced() > 0 || u.bytesConsumed() > 0;
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus hs = e.getHandshakeStatus();
        return hs == HandshakeStatus.NOT_HANDSHAKING || hs == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine e) {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
    }

    /** One application record from {@code from} to {@code to}; returns what {@code to} delivered. */
    private static String send(SSLEngine from, SSLEngine to, String text) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(1 << 17);
        from.wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), net);
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 17);
        to.unwrap(net, app);
        return new String(app.array(), 0, app.position(), StandardCharsets.US_ASCII);
    }
}
