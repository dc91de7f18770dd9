package org.layer45.testapp;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run on JDK 21+ by org.layer45.jsse.VirtualThreadsTest: N echo connections, each client and each
 * server connection on its own virtual thread (Executors.newVirtualThreadPerTaskExecutor, found
 * reflectively since the code targets JDK 17), Layer45 on both ends, with JFR recording
 * jdk.VirtualThreadPinned. Prints "ok=N pinnedInLayer45=M pinnedTotal=K".
 *
 * <p>args: server key store (PKCS12), trust store (PKCS12), connection count, JFR output file.
 */
public final class VirtualThreadsProgram {
    private VirtualThreadsProgram() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[2]);
        SSLContext ctx = context(Path.of(args[0]), Path.of(args[1]));
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        // Warm up first: a thread that waits for another thread's class initialisation or class
        // loading is pinned by the JVM itself (pinnedReason "Waited for initialization of ...", or a
        // contended class loader lock); that is not a monitor of ours held across I/O, which is what
        // the recording below is about. The warm-up covers full handshakes and, since tickets are
        // kept per host and port, ticket resumption against one server (one connection, then four).
        try (SSLServerSocket warm = listen(ctx, 8)) {
            virtual.submit(() -> acceptLoop(warm, virtual));
            runConnections(ctx, virtual, warm, 1, new AtomicInteger());
            runConnections(ctx, virtual, warm, 4, new AtomicInteger());
        }

        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
        AtomicInteger ok = new AtomicInteger();
        try (SSLServerSocket ss = listen(ctx, count * 2)) {
            virtual.submit(() -> acceptLoop(ss, virtual));
            runConnections(ctx, virtual, ss, count, ok);
        }
        virtual.shutdownNow();
        recording.stop();
        Path jfr = Path.of(args[3]);
        recording.dump(jfr);
        int total = 0;
        int ours = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            total++;
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().stream().map(RecordedFrame::getMethod)
                    .noneMatch(m -> m.getType().getName().startsWith("org.layer45."))) {
                continue;
            }
            if (inClassLoading(e.getStackTrace().getFrames())) {
                // The JVM resolving a class for code on a path the warm-up did not take (a close racing
                // the peer's): the class loader's own lock, not a monitor of ours (see the warm-up).
                System.out.println("CLASS-LOADING PIN (not counted) " + e);
                continue;
            }
            ours++;
            System.out.println("PINNED " + e);
        }
        System.out.println("ok=" + ok.get() + " pinnedInLayer45=" + ours + " pinnedTotal=" + total);
        Files.deleteIfExists(jfr);
    }

    /** Whether the pinned thread was blocked inside class loading: the topmost frames are the loader's. */
    private static boolean inClassLoading(List<RecordedFrame> frames) {
        String top = frames.isEmpty() ? "" : frames.get(0).getMethod().getType().getName();
        return top.startsWith("jdk.internal.loader.") || top.equals("java.lang.ClassLoader");
    }

    private static SSLServerSocket listen(SSLContext ctx, int backlog) throws java.io.IOException {
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, backlog,
                InetAddress.getLoopbackAddress());
    }

    /** {@code count} echo connections to {@code ss}, each client on its own virtual thread; counts good echoes. */
    private static void runConnections(SSLContext ctx, ExecutorService virtual, SSLServerSocket ss, int count,
            AtomicInteger ok) throws Exception {
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            clients.add(virtual.submit(() -> {
                try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                    byte[] msg = ("hello " + n).getBytes();
                    s.getOutputStream().write(msg);
                    byte[] back = new byte[msg.length];
                    new DataInputStream(s.getInputStream()).readFully(back);
                    if (java.util.Arrays.equals(msg, back)) {
                        ok.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
    }

    private static Void acceptLoop(SSLServerSocket ss, ExecutorService virtual) {
        while (!ss.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) ss.accept();
                virtual.submit(() -> echo(s));
            } catch (java.io.IOException closed) {
                return null;
            }
        }
        return null;
    }

    private static Void echo(SSLSocket s) throws java.io.IOException {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
        return null;
    }

    private static SSLContext context(Path keys, Path trust) throws Exception {
        char[] pw = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            ks.load(in, pw);
        }
        KeyStore ts = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trust)) {
            ts.load(in, pw);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS", new org.layer45.provider.Layer45Provider());
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
