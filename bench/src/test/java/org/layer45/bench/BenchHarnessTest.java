package org.layer45.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmark harness itself, for every provider: the in-memory engine pair completes a handshake,
 * {@link ServerFlight} reads the negotiation from the wire, and a second handshake with the same
 * client context resumes — the proof the resumed-handshake benchmark relies on. BCJSSE 1.84 does
 * not resume TLS 1.3 (README's interop limitations); the wire says so and the benchmark reports it.
 */
@Timeout(60)
class BenchHarnessTest {
    private static final BenchPki PKI = BenchPki.create();

    @ParameterizedTest
    @CsvSource({
        "Layer45, TLSv1.3, true", "SunJSSE, TLSv1.3, true", "Conscrypt, TLSv1.3, true", "BCJSSE, TLSv1.3, false",
        "Layer45, TLSv1.2, true", "SunJSSE, TLSv1.2, true", "Conscrypt, TLSv1.2, true", "BCJSSE, TLSv1.2, true"})
    void fullThenResumedAsSeenOnTheWire(String provider, String protocol, boolean resumes) throws Exception {
        BenchProvider stack = BenchProvider.valueOf(provider);
        SSLContext server = stack.serverContext(PKI, "ecdsa");
        SSLContext client = stack.clientContext(PKI);

        ServerFlight first = ServerFlight.parse(pair(stack, client, server, protocol).handshake().serverBytes());
        assertEquals(protocol, first.version());
        assertFalse(first.resumed(), first.describe());
        assertNotEquals("none", first.group(), "an ECDHE group is on the wire: " + first.describe());
        assertTrue(first.suite().startsWith(protocol.equals("TLSv1.3") ? "TLS_AES_" : "TLS_ECDHE_ECDSA_")
                || first.suite().contains("CHACHA20"), first.describe());

        ServerFlight again = ServerFlight.parse(pair(stack, client, server, protocol).handshake().serverBytes());
        assertEquals(resumes, again.resumed(), again.describe());
    }

    private static EnginePair pair(BenchProvider stack, SSLContext client, SSLContext server, String protocol) {
        SSLEngine c = client.createSSLEngine(BenchPki.HOST, 443);
        c.setUseClientMode(true);
        stack.configure(c);
        SSLParameters p = c.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        stack.configure(s);
        return new EnginePair(c, s).recordServerBytes();
    }
}
