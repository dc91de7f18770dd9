package org.layer45.testapp;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * A program that knows nothing of Layer45 (run in a child JVM by org.layer45.jsse.SecurityOverrideTest; in its own package so it stays visible when the provider is a named module on the module path): it
 * prints the default SSLContext's provider, then fetches the URL in args[0] with HttpsURLConnection
 * and with java.net.http.HttpClient, printing each body and the session's provider marker.
 */
public final class UnmodifiedProgram {
    private UnmodifiedProgram() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("default=" + SSLContext.getDefault().getProvider().getName());
        URI uri = URI.create(args[0]);

        HttpsURLConnection conn = (HttpsURLConnection) uri.toURL().openConnection();
        int code = conn.getResponseCode();
        SSLSession s1 = conn.getSSLSession().orElseThrow();
        try (InputStream in = conn.getInputStream()) {
            System.out.println("urlconnection=" + code + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    + " marker=" + s1.getValue("org.layer45.provider") + " " + s1.getProtocol());
        }

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        SSLSession s2 = r.sslSession().orElseThrow();
        System.out.println("httpclient=" + r.statusCode() + " " + r.body() + " marker="
                + s2.getValue("org.layer45.provider") + " " + s2.getProtocol());
    }
}
