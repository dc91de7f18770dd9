package org.layer45.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Heap retained per established, idle connection side: {@code pairs} client/server SSLEngine pairs
 * of one provider are handshaken (ECDSA P-256, x25519) and kept, the heap is measured after full
 * GCs before and after, and the difference is divided by the number of sides. The engines' own
 * state counts, and so do per-connection entries in the contexts' session caches; the benchmark's
 * transfer buffers do not (they are dropped). Conscrypt's native (BoringSSL) memory is outside the
 * Java heap and not seen here. Prints one line: provider, protocol, bytes per side, pairs.
 *
 * <p>{@code java -cp benchmarks.jar org.layer45.bench.ConnectionFootprint PROVIDER PROTOCOL PAIRS}
 */
public final class ConnectionFootprint {
    private ConnectionFootprint() {
    }

    public static void main(String[] args) throws Exception {
        BenchProvider stack = BenchProvider.valueOf(args[0]);
        String protocol = args[1];
        int pairs = Integer.parseInt(args[2]);
        System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
        BenchPki pki = BenchPki.create();
        SSLContext server = stack.serverContext(pki, "ecdsa");
        SSLContext client = stack.clientContext(pki);
        List<SSLEngine> kept = new ArrayList<>(2 * pairs);
        connect(stack, client, server, protocol); // classes loaded and caches primed before the baseline
        long before = usedAfterGc();
        for (int i = 0; i < pairs; i++) {
            EnginePair pair = connect(stack, client, server, protocol);
            kept.add(pair.client);
            kept.add(pair.server);
        }
        long after = usedAfterGc();
        long perSide = (after - before) / kept.size();
        System.out.println(stack + "\t" + protocol + "\t" + perSide + "\t" + pairs);
        Reference.reachabilityFence(kept);
    }

    private static EnginePair connect(BenchProvider stack, SSLContext client, SSLContext server, String protocol)
            throws SSLException {
        SSLEngine c = client.createSSLEngine(BenchPki.HOST, 443);
        c.setUseClientMode(true);
        stack.configure(c);
        SSLParameters p = c.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        c.setSSLParameters(p);
        stack.restrictGroups(c, List.of("x25519", "secp256r1"));
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        stack.configure(s);
        return new EnginePair(c, s).handshake();
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several rounds: finalizers, cleaners and reference queues settle over more than one GC.
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
