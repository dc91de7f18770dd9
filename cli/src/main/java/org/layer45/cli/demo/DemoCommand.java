package org.layer45.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.layer45.cli.Args;
import org.layer45.cli.CliException;
import org.layer45.cli.Command;
import org.layer45.cli.http.WebServer;
import org.layer45.cli.pki.ThrowawayPki;
import org.layer45.provider.Layer45Provider;

/**
 * {@code layer45 demo}: Layer45 end to end with no network and no setup. A throwaway CA and server
 * certificate are made in memory; an HTTPS server (Layer45 SSLServerSocket) and an HTTP port that
 * redirects to it listen on loopback; then a separate JVM, configured only by a
 * {@code java.security} override putting Layer45 first and a trust store holding the CA, fetches
 * the page with plain HttpsURLConnection ({@link DemoClient}) and reports every step.
 */
public final class DemoCommand implements Command {
    private static final long CHILD_TIMEOUT_SECONDS = 90;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "Layer45 end to end: an HTTPS server and an unmodified client JVM (no setup)";
    }

    @Override
    public String help() {
        return """
                usage: layer45 demo

                Makes a throwaway CA and server certificate in memory, starts an HTTPS server over
                Layer45's SSLServerSocket on a free loopback port and an HTTP port that answers 301
                to it, then starts a separate JVM (the same java) whose only configuration is
                -Djava.security.properties=FILE (Layer45 first, the JDK's providers after it) and a
                trust store for the CA. That JVM fetches the page with plain HttpsURLConnection,
                starting from the http:// URL, and prints each step: provider, redirect, versions,
                key-exchange group, cipher suite, certificate chain and how it was verified, ALPN,
                handshake time, and a second request resumed with a PSK. No network is used.
                Exit code 0 when all of that happened as described.
                """;
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws CliException {
        Args.parse(argv, Set.of(), Set.of());
        Path dir = null;
        try {
            dir = Files.createTempDirectory("layer45-demo-");
            return demo(dir, out);
        } catch (IOException | GeneralSecurityException e) {
            throw CliException.failure("demo setup failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private int demo(Path dir, PrintStream out) throws IOException, GeneralSecurityException, CliException {
        out.println("Layer45 demo: everything below runs on this machine, over loopback");
        ThrowawayPki pki = ThrowawayPki.create(List.of());
        Path trustStore = dir.resolve("demo-ca.p12");
        pki.writeTrustStore(trustStore);
        Path override = dir.resolve("layer45.security");
        Files.writeString(override, securityOverride());
        SSLContext ctx = SSLContext.getInstance("TLS", new Layer45Provider());
        ctx.init(pki.keyManagers(), null, null);
        List<String> serverLog = new CopyOnWriteArrayList<>();
        WebServer.Settings settings = new WebServer.Settings(ctx, InetAddress.getLoopbackAddress(), 0, 0,
                new DemoPage(), serverLog::add, false, 3600, "localhost");
        try (WebServer server = WebServer.start(settings)) {
            out.println("  CA          " + pki.ca().getSubjectX500Principal().getName()
                    + " (ECDSA P-256, made in memory; only the trust store file below holds it)");
            out.println("  server      " + pki.server().getSubjectX500Principal().getName()
                    + ", names localhost and 127.0.0.1");
            out.println("  HTTPS       https://localhost:" + server.httpsPort() + "/  (Layer45 SSLServerSocket)");
            out.println("  HTTP        http://127.0.0.1:" + server.httpPort() + "/  (answers 301 to the HTTPS URL)");
            List<String> command = childCommand(override, trustStore, "http://127.0.0.1:" + server.httpPort() + "/");
            out.println("  client JVM  " + String.join(" ", command.subList(0, 4)));
            out.println("              " + String.join(" ", command.subList(4, command.size())));
            out.println("  " + override.getFileName() + ": security.provider.1=Layer45, then the JDK's providers "
                    + "renumbered from 2");
            List<String> childOutput = new ArrayList<>();
            int rc = runChild(command, out, childOutput);
            out.println();
            out.println("server's view (Layer45 SSLServerSocket in this JVM):");
            serverLog.forEach(l -> out.println("    " + l));
            if (rc != 0) {
                String last = childOutput.isEmpty() ? "no output" : childOutput.get(childOutput.size() - 1);
                throw CliException.failure("the client JVM failed (exit " + rc + "): " + last);
            }
            if (server.connections() != 2 || server.resumedConnections() != 1) {
                throw CliException.failure("the server did not see two TLS connections, the second resumed");
            }
            out.println();
            out.println("demo OK: an unmodified HttpsURLConnection ran on Layer45 (TLSv1.3, X25519MLKEM768), "
                    + "and its second connection was resumed");
            return 0;
        }
    }

    /**
     * The override file (README "Installing the provider"): Layer45 first, then every provider of
     * this JDK's own java.security renumbered after it. A single '=' on the command line merges it
     * with the JDK's file, so settings such as jdk.tls.disabledAlgorithms stay.
     */
    static String securityOverride() {
        StringBuilder b = new StringBuilder("# written by layer45 demo\nsecurity.provider.1=Layer45\n");
        for (int i = 1; Security.getProperty("security.provider." + i) != null; i++) {
            b.append("security.provider.").append(i + 1).append('=')
                    .append(Security.getProperty("security.provider." + i).trim()).append('\n');
        }
        return b.toString();
    }

    private static List<String> childCommand(Path override, Path trustStore, String url) throws CliException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Djava.security.properties=" + override, "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + ThrowawayPki.STORE_PASSWORD, "-cp", classPath(),
                DemoClient.class.getName(), url);
    }

    /** Where this code, the provider and BouncyCastle were loaded from: one shaded jar, or three paths in a build. */
    static String classPath() throws CliException {
        Set<String> entries = new LinkedHashSet<>();
        try {
            for (Class<?> c : List.of(DemoClient.class, Layer45Provider.class,
                    Class.forName("org.bouncycastle.util.Arrays"))) {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            }
        } catch (URISyntaxException | ClassNotFoundException | RuntimeException e) {
            throw CliException.failure("cannot tell the class path for the client JVM: " + e.getMessage(), e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Runs the client JVM, copying its output through (indented as the demo's own); bounded in time. */
    private static int runChild(List<String> command, PrintStream out, List<String> lines) throws IOException,
            CliException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                    out.println(line);
                }
            } catch (IOException e) {
                out.println("(client output ended: " + e.getMessage() + ")");
            }
        }, "demo-client-output");
        pump.start();
        try {
            if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw CliException.failure("the client JVM did not finish in " + CHILD_TIMEOUT_SECONDS + " s");
            }
            pump.join(5000);
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the demo's result stands.
            return;
        }
    }
}
