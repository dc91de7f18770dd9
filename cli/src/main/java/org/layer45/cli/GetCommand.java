package org.layer45.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLException;

import org.layer45.cli.http.HttpResponse;
import org.layer45.cli.tls.ClientOptions;
import org.layer45.cli.tls.FailureExplainer;
import org.layer45.cli.tls.HandshakeSummary;
import org.layer45.cli.tls.TlsClient;
import org.layer45.cli.tls.TlsConnection;
import org.layer45.cli.tls.WireTap;

/**
 * {@code layer45 get URL}: one HTTPS request through Layer45. It opens the TLS connection itself
 * (an SSLSocket of a Layer45 SSLContext over a tapped TCP socket) and speaks HTTP/1.1, so it can
 * print exactly what the handshake negotiated, then the response status and header fields.
 */
final class GetCommand implements Command {
    @Override
    public String name() {
        return "get";
    }

    @Override
    public String summary() {
        return "fetch an https:// URL through Layer45, showing the handshake";
    }

    @Override
    public String help() {
        return """
                usage: layer45 get [options] https://HOST[:PORT]/PATH

                Connects through Layer45, prints the handshake (protocol, cipher suite, key-exchange
                group, ALPN, resumption, time, certificate chain and how it was verified), sends an
                HTTP/1.1 GET and prints the response status and header fields.

                  -o FILE          write the response body to FILE (otherwise only its size is shown)
                  --tls1.2         offer only TLS 1.2          --tls1.3   offer only TLS 1.3
                  --groups A,B     key-exchange groups in preference order, e.g. x25519,secp256r1
                  --ciphers A,B    cipher suites in preference order (standard names)
                  --sigalgs A,B    signature schemes to offer, e.g. ecdsa_secp256r1_sha256
                  --alpn A,B       ALPN protocols to offer (default http/1.1; this tool speaks HTTP/1.1)
                  --cacert PEM     trust the CA certificate(s) in PEM instead of the JDK's cacerts
                  --insecure       accept ANY certificate and skip host name verification
                  --keylog FILE    append NSS key log lines (Wireshark: TLS "(Pre)-Master-Secret log")
                  --timeout MS     connect/read timeout (default 10000)
                  -v               show every TLS record and the cleartext handshake messages
                """;
    }

    @Override
    public int run(String[] argv, PrintStream out, PrintStream err) throws CliException {
        Args a = Args.parse(argv, Set.of("--tls1.2", "--tls1.3", "--insecure", "-v"),
                Set.of("-o", "--groups", "--ciphers", "--sigalgs", "--alpn", "--cacert", "--keylog", "--timeout"));
        if (a.positionals().size() != 1) {
            throw CliException.usage("expected one URL, got " + a.positionals().size() + " operands");
        }
        URI uri = parseUrl(a.positionals().get(0));
        ClientOptions options = ClientCommandOptions.from(a);
        options.alpn = a.list("--alpn") != null ? a.list("--alpn") : List.of("http/1.1");
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        if (options.insecure) {
            out.println("WARNING: --insecure: the server's certificate and host name are NOT checked;");
            out.println("WARNING: anyone on the path could be impersonating " + host + ".");
        }
        if (a.has("-v")) {
            out.println("-v: TLS records as they cross the TCP socket ('>' to the server, '<' from it). Layer45 "
                    + "exposes no handshake trace, so only cleartext messages are decoded; encrypted ones show their size.");
        }
        WireTap tap = new WireTap(a.has("-v") ? out::println : null);
        TlsClient client;
        try {
            client = new TlsClient(options);
        } catch (IOException | GeneralSecurityException e) {
            throw CliException.failure("cannot load trust anchors from " + options.trustSource() + ": " + e.getMessage(), e);
        }
        try (TlsConnection c = connect(client, host, port, options, tap)) {
            for (String line : HandshakeSummary.lines(c, options)) {
                out.println(line);
            }
            if (c.applicationProtocol() != null && !c.applicationProtocol().equals("http/1.1")) {
                out.println("the server chose ALPN " + c.applicationProtocol() + "; layer45 get speaks HTTP/1.1 only, "
                        + "so no request was sent (offer --alpn http/1.1)");
                return 0;
            }
            return request(c, uri, a.value("-o"), out);
        } catch (IOException e) {
            throw CliException.failure(FailureExplainer.explain(e, host, port, client.trust(), options.trustSource()), e);
        }
    }

    private static TlsConnection connect(TlsClient client, String host, int port, ClientOptions options, WireTap tap)
            throws CliException {
        try {
            return client.connect(host, port, options, tap);
        } catch (IOException e) {
            throw CliException.failure(FailureExplainer.explain(e, host, port, client.trust(), options.trustSource()), e);
        }
    }

    private static URI parseUrl(String url) throws CliException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw CliException.usage("not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw CliException.usage("only https:// URLs: Layer45 is TLS (got " + url + ")");
        }
        if (uri.getHost() == null) {
            throw CliException.usage("no host in " + url);
        }
        return uri;
    }

    private static int request(TlsConnection c, URI uri, String outFile, PrintStream out) throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostField = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostField + "\r\nUser-Agent: layer45/" + Main.version()
                .replace(' ', '-').replaceAll("[()]", "") + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        OutputStream tlsOut = c.socket().getOutputStream();
        tlsOut.write(request.getBytes(StandardCharsets.ISO_8859_1));
        tlsOut.flush();
        InputStream in = c.socket().getInputStream();
        HttpResponse response;
        if (outFile != null) {
            try (OutputStream body = Files.newOutputStream(Path.of(outFile))) {
                response = read(in, body);
            }
        } else {
            response = read(in, OutputStream.nullOutputStream());
        }
        out.println();
        out.println(response.head().startLine());
        for (Map.Entry<String, String> f : response.head().fields()) {
            out.println(f.getKey() + ": " + f.getValue());
        }
        out.println();
        out.println("body: " + response.bodyLength() + " bytes" + (outFile != null ? ", written to " + outFile
                : " (use -o FILE to save it)"));
        return 0;
    }

    private static HttpResponse read(InputStream in, OutputStream body) throws IOException {
        try {
            return HttpResponse.read(in, "GET", body);
        } catch (SSLException e) {
            throw new IOException("reading the response: " + e.getMessage(), e);
        }
    }
}
