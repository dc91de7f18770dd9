package org.layer45.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

import org.layer45.cli.http.StaticFiles;
import org.layer45.cli.http.WebServer;
import org.layer45.cli.pki.Pem;
import org.layer45.cli.pki.ThrowawayPki;
import org.layer45.provider.Layer45Provider;

/**
 * {@code layer45 serve}: a static HTTPS file server over Layer45's SSLServerSocket, with an HTTP
 * port that redirects to it and HSTS on every HTTPS response. Without {@code --cert}/{@code --key}
 * it makes a throwaway CA and server certificate and writes the CA to a file for curl --cacert.
 */
final class ServeCommand implements Command {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve a directory over HTTPS through Layer45 (HTTP port redirects, HSTS)";
    }

    @Override
    public String help() {
        return """
                usage: layer45 serve [options]

                Serves the files under a directory (GET and HEAD) over HTTPS with Layer45's
                SSLServerSocket, logging one line per request with protocol, cipher suite and group.
                The HTTP port answers every request with 301 to the HTTPS URL; HTTPS responses carry
                Strict-Transport-Security. Paths leaving the directory (.., symbolic links) get 403.

                  --port N         HTTPS port (default 8443; 0 picks a free one)
                  --http-port N    HTTP redirect port (default 8080; 0 picks a free one)
                  --no-http        no HTTP redirect port
                  --dir DIR        directory to serve (default: the current directory)
                  --cert PEM       certificate chain, leaf first (with --key)
                  --key PEM        private key: PKCS#8 "PRIVATE KEY", "EC PRIVATE KEY" or "RSA PRIVATE KEY"
                  --bind ADDR      address to listen on (default 127.0.0.1)
                  --hsts SECONDS   Strict-Transport-Security max-age (default 3600; browsers remember it
                                   for the host name, all ports, so keep it short on localhost)

                Without --cert, a throwaway CA and a certificate for localhost and 127.0.0.1 are made
                in memory; the CA is written to a temporary file whose name is printed.
                Stop with Ctrl-C.
                """;
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws CliException {
        Args a = Args.parse(argv, Set.of("--no-http"),
                Set.of("--port", "--http-port", "--dir", "--cert", "--key", "--bind", "--hsts"));
        if (!a.positionals().isEmpty()) {
            throw CliException.usage("unexpected operand " + a.positionals().get(0));
        }
        Path dir = Path.of(a.value("--dir", "."));
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("--dir " + dir + " is not a directory");
        }
        long hsts;
        try {
            hsts = Long.parseLong(a.value("--hsts", "3600"));
        } catch (NumberFormatException e) {
            throw CliException.usage("--hsts takes seconds, not " + a.value("--hsts"));
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(a.value("--bind", "127.0.0.1"));
        } catch (IOException e) {
            throw CliException.usage("cannot resolve --bind " + a.value("--bind"));
        }
        SSLContext context = context(a, out);
        int httpPort = a.has("--no-http") ? -1 : a.port("--http-port", 8080);
        WebServer.Settings settings;
        try {
            settings = new WebServer.Settings(context, bind, a.port("--port", 8443), httpPort,
                    new StaticFiles(dir), line -> out.println(LocalTime.now().format(CLOCK) + " " + line), true, hsts,
                    null);
        } catch (IOException e) {
            throw CliException.failure("cannot serve " + dir + ": " + e.getMessage(), e);
        }
        try (WebServer server = WebServer.start(settings)) {
            String host = bind.isLoopbackAddress() ? "localhost" : bind.getHostAddress();
            out.println("serving " + dir.toAbsolutePath().normalize() + " at https://" + host + ":" + server.httpsPort()
                    + "/ (Layer45 SSLServerSocket, TLSv1.3 and TLSv1.2)");
            if (server.httpPort() >= 0) {
                out.println("http://" + host + ":" + server.httpPort() + "/ redirects (301) to it");
            }
            out.println("HTTPS responses carry Strict-Transport-Security: max-age=" + hsts + "; Ctrl-C stops");
            awaitInterrupt();
            out.println("stopped");
            return 0;
        } catch (IOException e) {
            throw CliException.failure("cannot listen: " + e.getMessage(), e);
        }
    }

    /** Blocks until the thread is interrupted (tests) or the JVM is stopped (Ctrl-C). */
    private static void awaitInterrupt() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext context(Args a, PrintStream out) throws CliException {
        String cert = a.value("--cert");
        String key = a.value("--key");
        if (cert == null ^ key == null) {
            throw CliException.usage("--cert and --key go together");
        }
        try {
            KeyManager[] kms;
            if (cert == null) {
                ThrowawayPki pki = ThrowawayPki.create(List.of());
                Path dir = Files.createTempDirectory("layer45-serve-");
                Path ca = dir.resolve("ca.pem");
                Files.writeString(ca, Pem.certificate(pki.ca()));
                ca.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                out.println("certificate: throwaway CA and a certificate for localhost, 127.0.0.1; trust it with");
                out.println("  curl --cacert " + ca + " https://localhost:PORT/");
                kms = pki.keyManagers();
            } else {
                List<X509Certificate> chain = Pem.readCertificates(Path.of(cert));
                PrivateKey pk = Pem.readPrivateKey(Path.of(key));
                requireMatch(pk, chain.get(0), key, cert);
                out.println("certificate: " + chain.get(0).getSubjectX500Principal().getName() + " from " + cert);
                kms = ThrowawayPki.keyManagers(pk, chain);
            }
            SSLContext ctx = SSLContext.getInstance("TLS", new Layer45Provider());
            ctx.init(kms, null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw CliException.failure("cannot load the server key and certificate: " + e.getMessage(), e);
        }
    }

    /** The key must be the certificate's: sign a probe message and verify it with the certificate. */
    private static void requireMatch(PrivateKey key, X509Certificate cert, String keyFile, String certFile)
            throws GeneralSecurityException, CliException {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
        if (alg == null) {
            return;
        }
        byte[] probe = "layer45 key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        try {
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (v.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // A key of another type than the certificate's: the same answer as a failed check.
            throw CliException.usage("the key in " + keyFile + " does not belong to the certificate in " + certFile);
        }
        throw CliException.usage("the key in " + keyFile + " does not belong to the certificate in " + certFile);
    }
}
