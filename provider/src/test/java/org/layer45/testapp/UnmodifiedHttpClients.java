package org.layer45.testapp;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * A program that knows nothing of Layer45 (run in a child JVM by
 * org.layer45.jsse.UnmodifiedClientsNginxTest, configured only by a java.security override and the
 * trust store properties): it prints the default SSLContext's provider, then fetches args[0] with
 * HttpsURLConnection, java.net.http.HttpClient (default: HTTP/2 via ALPN), Apache HttpClient 5 classic
 * and Apache HttpClient 5 async (default version policy: negotiate, so HTTP/2 via ALPN), each with
 * its library defaults. Per client one line: status, HTTP version, the session's provider marker
 * ({@code org.layer45.provider}, a plain SSLSession value), TLS protocol and the body.
 */
public final class UnmodifiedHttpClients {
    private UnmodifiedHttpClients() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("default=" + SSLContext.getDefault().getProvider().getName());
        URI uri = URI.create(args[0]);

        HttpsURLConnection conn = (HttpsURLConnection) uri.toURL().openConnection();
        int code = conn.getResponseCode();
        SSLSession s1 = conn.getSSLSession().orElseThrow();
        try (InputStream in = conn.getInputStream()) {
            print("urlconnection", code, "HTTP/1.1", s1, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        HttpClient jdk = HttpClient.newHttpClient();
        HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        print("httpclient", r.statusCode(), r.version().toString(), r.sslSession().orElse(null), r.body());

        try (CloseableHttpClient classic = HttpClients.createDefault()) {
            HttpClientContext ctx = HttpClientContext.create();
            String line = classic.execute(new HttpGet(uri), ctx, response -> response.getCode() + "|"
                    + response.getVersion() + "|" + EntityUtils.toString(response.getEntity()));
            String[] f = line.split("\\|", 3);
            print("apache-classic", Integer.parseInt(f[0]), f[1], ctx.getSSLSession(), f[2]);
        }

        try (CloseableHttpAsyncClient async = HttpAsyncClients.createDefault()) {
            async.start();
            HttpClientContext ctx = HttpClientContext.create();
            SimpleHttpResponse response = async.execute(SimpleRequestBuilder.get(uri).build(), ctx, null)
                    .get(30, TimeUnit.SECONDS);
            print("apache-async", response.getCode(), String.valueOf(response.getVersion()), ctx.getSSLSession(),
                    response.getBodyText());
        }
    }

    private static void print(String client, int status, String http, SSLSession s, String body) {
        String marker = s == null ? "no-session" : s.getValue("org.layer45.provider") + " " + s.getProtocol();
        System.out.println(client + ": status=" + status + " http=" + http + " marker=" + marker + " body="
                + body.trim());
    }
}
