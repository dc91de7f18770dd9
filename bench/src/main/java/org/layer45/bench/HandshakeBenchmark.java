package org.layer45.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Handshakes per second of a client and a server SSLEngine of the same provider, in memory on one
 * thread: each operation is a whole handshake of a new engine pair (both sides' work), including
 * certificate-path validation and hostname verification on the client and, for TLS 1.3, the
 * server's NewSessionTicket. {@code fullHandshake} never resumes (every client engine names a new
 * peer port, so no cached session matches); {@code resumedHandshake} always offers the session of
 * the previous operation. Before measuring, one probe handshake is read on the wire and its
 * outcome recorded in {@link Facts} — resumption and the group are proven, not assumed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HandshakeBenchmark {
    @Param({"Layer45", "SunJSSE", "BCJSSE", "Conscrypt"})
    public String provider;

    @Param({"TLSv1.3", "TLSv1.2"})
    public String protocol;

    @Param({"ecdsa", "rsa"})
    public String cert;

    /** The client's first choice: x25519 alone, or the post-quantum hybrid with x25519 second. */
    @Param({"x25519", "X25519MLKEM768"})
    public String group;

    private BenchProvider stack;
    private List<String> groups;
    private SSLContext serverContext;
    private SSLContext fullClientContext;
    private SSLContext resumingClientContext;
    private int nextPort;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SSLException {
        groups = group.equals("x25519") ? List.of("x25519", "secp256r1", "secp384r1")
                : List.of(group, "x25519", "secp256r1", "secp384r1");
        // Read once, at first use, by SunJSSE (its only group setting on JDK 17); BCJSSE and Layer45 read it too.
        System.setProperty("jdk.tls.namedGroups", String.join(",", groups));
        stack = BenchProvider.valueOf(provider);
        BenchPki pki = BenchPki.create();
        serverContext = stack.serverContext(pki, cert);
        fullClientContext = stack.clientContext(pki);
        // Each full handshake names a new port; one cache slot keeps the client cache from growing.
        fullClientContext.getClientSessionContext().setSessionCacheSize(1);
        resumingClientContext = stack.clientContext(pki);

        boolean resuming = params.getBenchmark().endsWith("resumedHandshake");
        if (resuming) {
            resumedHandshake(); // the session the probe below resumes
        }
        EnginePair probe = pair(resuming ? resumingClientContext : fullClientContext, resuming ? 443 : freshPort())
                .recordServerBytes().handshake();
        ServerFlight flight = ServerFlight.parse(probe.serverBytes());
        if (!flight.version().equals(protocol)) {
            throw new IllegalStateException(provider + " negotiated " + flight.describe() + ", not " + protocol);
        }
        Facts.record(params, flight.describe() + (resuming && !flight.resumed() ? " (NOT resumed)" : ""));
    }

    /** A full handshake: the client has no session for this peer. */
    @Benchmark
    public SSLSession fullHandshake() throws SSLException {
        return pair(fullClientContext, freshPort()).handshake().client.getSession();
    }

    /** A peer port no cached session names: the one-slot cache has long forgotten a port when it comes round. */
    private int freshPort() {
        return 1024 + nextPort++ % 60_000;
    }

    /** An abbreviated handshake resuming the session (TLS 1.3 PSK with (EC)DHE, TLS 1.2 ticket or id). */
    @Benchmark
    public SSLSession resumedHandshake() throws SSLException {
        return pair(resumingClientContext, 443).handshake().client.getSession();
    }

    private EnginePair pair(SSLContext clientContext, int port) {
        SSLEngine client = clientContext.createSSLEngine(BenchPki.HOST, port);
        client.setUseClientMode(true);
        stack.configure(client);
        SSLParameters p = client.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(p);
        stack.restrictGroups(client, groups);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        stack.configure(server);
        return new EnginePair(client, server);
    }
}
