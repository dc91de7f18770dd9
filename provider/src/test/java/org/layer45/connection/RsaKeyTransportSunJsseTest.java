package org.layer45.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layer45.iana.CipherSuite;

/**
 * TLS 1.2 RSA key transport (RFC 5246 §7.4.7.1) against the JDK's own SunJSSE, in memory, with data
 * both ways, for both suites and both roles: the core client and server, and Layer45's SSLEngine as
 * client and as server (suites enabled through setEnabledCipherSuites and through SSLParameters).
 * SunJSSE runs in a child JVM ({@link RsaKeyTransportSunJssePeer}) whose jdk.tls.disabledAlgorithms
 * no longer lists {@code TLS_RSA_*} (JDK 25 disables them), set before SunJSSE's first use; this test
 * asserts on the facts the child observed.
 */
class RsaKeyTransportSunJsseTest {
    private static List<String> results;
    private static String output;

    @BeforeAll
    static void runPeer() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPath, RsaKeyTransportSunJssePeer.class.getName()).redirectErrorStream(true).start();
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        assertEquals(0, p.exitValue(), output);
        results = output.lines().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).toList();
    }

    private static void assertResult(String expected) {
        assertTrue(results.contains(expected), () -> "expected \"" + expected + "\" in:\n" + output);
    }

    /** The child saw this JDK's jdk.tls.disabledAlgorithms (JDK 25: with TLS_RSA_*) and lifted the entry. */
    @Test
    void childLiftedTheJdkDisablement() {
        boolean listedHere = java.util.Arrays.stream(java.security.Security.getProperty("jdk.tls.disabledAlgorithms")
                .split(",")).anyMatch(e -> e.trim().equals("TLS_RSA_*"));
        assertResult("disabledAlgorithms listed TLS_RSA_*: " + listedHere);
    }

    @Test
    void coreClientAgainstSunJsseServer() {
        for (CipherSuite s : Config.RSA_KEY_TRANSPORT_SUITES) {
            assertResult("core-client " + s.name() + ": sunjsse TLSv1.2 " + s.name() + ", layer45 TLSv1.2 "
                    + s.name() + " ske=false, received " + RsaKeyTransportSunJssePeer.TO_OURS + " / "
                    + RsaKeyTransportSunJssePeer.TO_SUN);
        }
    }

    @Test
    void jsseClientAgainstSunJsseServer() {
        assertResult("jsse-client TLS_RSA_WITH_AES_128_GCM_SHA256 via setEnabledCipherSuites: sunjsse TLSv1.2 "
                + "TLS_RSA_WITH_AES_128_GCM_SHA256, layer45 TLSv1.2 TLS_RSA_WITH_AES_128_GCM_SHA256, received "
                + RsaKeyTransportSunJssePeer.TO_OURS + " / " + RsaKeyTransportSunJssePeer.TO_SUN);
        assertResult("jsse-client TLS_RSA_WITH_AES_256_GCM_SHA384 via SSLParameters: sunjsse TLSv1.2 "
                + "TLS_RSA_WITH_AES_256_GCM_SHA384, layer45 TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384, received "
                + RsaKeyTransportSunJssePeer.TO_OURS + " / " + RsaKeyTransportSunJssePeer.TO_SUN);
    }

    @Test
    void sunJsseClientAgainstCoreServer() {
        for (CipherSuite s : Config.RSA_KEY_TRANSPORT_SUITES) {
            assertResult("core-server " + s.name() + ": sunjsse TLSv1.2 " + s.name() + ", layer45 TLSv1.2 "
                    + s.name() + " ske=false, received " + RsaKeyTransportSunJssePeer.TO_OURS + " / "
                    + RsaKeyTransportSunJssePeer.TO_SUN);
        }
    }

    @Test
    void sunJsseClientAgainstJsseServer() {
        assertResult("jsse-server TLS_RSA_WITH_AES_128_GCM_SHA256 via setEnabledCipherSuites: sunjsse TLSv1.2 "
                + "TLS_RSA_WITH_AES_128_GCM_SHA256, layer45 TLSv1.2 TLS_RSA_WITH_AES_128_GCM_SHA256, received "
                + RsaKeyTransportSunJssePeer.TO_OURS + " / " + RsaKeyTransportSunJssePeer.TO_SUN);
        assertResult("jsse-server TLS_RSA_WITH_AES_256_GCM_SHA384 via SSLParameters: sunjsse TLSv1.2 "
                + "TLS_RSA_WITH_AES_256_GCM_SHA384, layer45 TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384, received "
                + RsaKeyTransportSunJssePeer.TO_OURS + " / " + RsaKeyTransportSunJssePeer.TO_SUN);
    }
}
