package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocols each SSLContext algorithm enables, differential against SunJSSE: "TLS", "TLSv1.3"
 * and "Default" enable TLS 1.3 and 1.2 everywhere; "TLSv1.2" enables only TLS 1.2 on the client side
 * (engines in client mode, client sockets, getDefaultSSLParameters) and both on the server side.
 * Intended difference: our supported list stops at TLSv1.2 (SunJSSE also lists TLSv1.1 ... SSLv2Hello,
 * which it disables by default).
 */
class ProtocolDefaultsTest {

    @ParameterizedTest
    @ValueSource(strings = {"TLS", "TLSv1.3", "TLSv1.2", "Default"})
    void enabledProtocolsMatchSunJsse(String algorithm) throws Exception {
        SSLContext ours = context(algorithm, "Layer45");
        SSLContext sun = context(algorithm, "SunJSSE");
        assertEquals(describe(sun), describe(ours));
    }

    /** Every view of one context's enabled protocols, as one comparable string. */
    private static String describe(SSLContext ctx) throws Exception {
        StringBuilder out = new StringBuilder();
        SSLEngine e = ctx.createSSLEngine();
        out.append("engine=").append(Arrays.toString(e.getEnabledProtocols()));
        e.setUseClientMode(true);
        out.append(" client=").append(Arrays.toString(e.getEnabledProtocols()));
        e.setUseClientMode(false);
        out.append(" server=").append(Arrays.toString(e.getEnabledProtocols()));
        e.setEnabledProtocols(new String[] {"TLSv1.2"});
        e.setUseClientMode(true);
        out.append(" chosen=").append(Arrays.toString(e.getEnabledProtocols()));
        out.append(" defaultParams=").append(Arrays.toString(ctx.getDefaultSSLParameters().getProtocols()));
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
                SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket()) {
            out.append(" socket=").append(Arrays.toString(s.getEnabledProtocols()));
            out.append(" serverSocket=").append(Arrays.toString(ss.getEnabledProtocols()));
        }
        return out.toString();
    }

    private static SSLContext context(String algorithm, String provider) throws Exception {
        if (algorithm.equals("Default")) {
            return provider.equals("Layer45") ? SSLContext.getInstance("Default", TestPki.PROVIDER)
                    : SSLContext.getInstance("Default", provider);
        }
        return TestPki.context(provider, algorithm, null);
    }

    @Test
    void supportedAndEnabledSuitesIncludeTheTls12EcdheAeadSuites() throws Exception {
        SSLEngine e = TestPki.layer45(null).createSSLEngine();
        List<String> supported = List.of(e.getSupportedCipherSuites());
        List<String> enabled = List.of(e.getEnabledCipherSuites());
        assertTrue(supported.containsAll(Tls12EngineTest.SUITES_12), supported.toString());
        assertTrue(enabled.containsAll(Tls12EngineTest.SUITES_12), enabled.toString());
        assertTrue(enabled.indexOf("TLS_AES_128_GCM_SHA256") < enabled.indexOf(Tls12EngineTest.SUITES_12.get(0)),
                "TLS 1.3 suites first");
        // RSA key transport: supported, last, but not enabled by default (DESIGN.md §8).
        assertEquals(List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
                supported.subList(supported.size() - 2, supported.size()));
        assertFalse(enabled.contains("TLS_RSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(enabled.contains("TLS_RSA_WITH_AES_256_GCM_SHA384"));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, e.getSupportedProtocols());
        assertArrayEquals(e.getSupportedCipherSuites(),
                TestPki.layer45(null).getSocketFactory().getSupportedCipherSuites());
    }

    @Test
    void unknownProtocolNamesAreRefusedLikeSunJsse() throws Exception {
        for (SSLContext ctx : new SSLContext[] {TestPki.layer45(null), TestPki.sun(null)}) {
            SSLEngine e = ctx.createSSLEngine();
            assertThrows(IllegalArgumentException.class, () -> e.setEnabledProtocols(new String[] {"TLSv1.4"}));
            e.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.1"});
            assertArrayEquals(new String[] {"TLSv1.2", "TLSv1.1"}, e.getEnabledProtocols());
        }
    }
}
