package org.layer45.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.layer45.testapp.UnmodifiedProgram;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3, Must show 1 (HttpsURLConnection and HttpClient part): a separate JVM whose only
 * configuration is a {@code java.security} override naming Layer45 first (INTEROP.md §8: re-list
 * every slot, single '=' so the JDK file's other settings stay) plus the trust store properties,
 * runs {@link UnmodifiedProgram} against a local SunJSSE HTTPS server; the TLS must be Layer45's.
 * Both installation forms: provider name (found by ServiceLoader) and class name.
 */
class SecurityOverrideTest {

    private static final String[] JDK_PROVIDERS = {"SUN", "SunRsaSign", "SunEC", "SunJSSE", "SunJCE", "SunJGSS",
        "SunSASL", "XMLDSig", "SunPCSC", "JdkLDAP", "JdkSASL", "SunPKCS11"};

    @ParameterizedTest
    @ValueSource(strings = {"Layer45", "org.layer45.provider.Layer45Provider", "Layer45 on the module path"})
    void unmodifiedProgramRunsOnLayer45(String variant, @TempDir Path dir) throws Exception {
        boolean modulePath = variant.endsWith("module path");
        String entry = modulePath ? "Layer45" : variant;
        Path file = writeOverride(dir, entry);
        try (TestHttpsServer server = new TestHttpsServer(TestPki.sun(TestPki.serverKeys()))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Djava.security.properties=" + file,
                    "-Djavax.net.ssl.trustStore=" + TestPki.TRUST_STORE,
                    "-Djavax.net.ssl.trustStorePassword=changeit"));
            if (modulePath) {
                // module-info's "provides java.security.Provider": found by name with no services file needed.
                cmd.addAll(List.of("--module-path", moduleDir() + java.io.File.pathSeparator + bcprovJar(),
                        "--add-modules", "org.layer45.provider", "-cp", classPathWithout(moduleDir(), bcprovJar())));
            } else {
                cmd.addAll(List.of("-cp", testClassPath()));
            }
            cmd.addAll(List.of(UnmodifiedProgram.class.getName(), "https://localhost:" + server.port() + "/"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("default=Layer45"), out);
            assertTrue(out.contains("urlconnection=200 " + TestHttpsServer.BODY + " marker=Layer45 TLSv1.3"), out);
            assertTrue(out.contains("httpclient=200 " + TestHttpsServer.BODY + " marker=Layer45 TLSv1.3"), out);
        }
    }

    /** The java.security override (INTEROP.md §8): {@code entry} first, then every JDK provider re-listed. */
    static Path writeOverride(Path dir, String entry) throws java.io.IOException {
        StringBuilder props = new StringBuilder("security.provider.1=" + entry + "\n");
        for (int i = 0; i < JDK_PROVIDERS.length; i++) {
            props.append("security.provider.").append(i + 2).append('=').append(JDK_PROVIDERS[i]).append('\n');
        }
        Path file = dir.resolve("layer45.security");
        Files.writeString(file, props);
        return file;
    }

    private static String moduleDir() throws java.net.URISyntaxException {
        return Path.of(org.layer45.provider.Layer45Provider.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
    }

    private static String bcprovJar() {
        for (String e : testClassPath().split(java.io.File.pathSeparator)) {
            if (e.contains("bcprov")) {
                return e;
            }
        }
        throw new IllegalStateException("bcprov not on the test class path");
    }

    private static String classPathWithout(String... excluded) {
        List<String> keep = new ArrayList<>();
        for (String e : testClassPath().split(java.io.File.pathSeparator)) {
            if (!List.of(excluded).contains(e) && !Path.of(e).equals(Path.of(excluded[0]))) {
                keep.add(e);
            }
        }
        return String.join(java.io.File.pathSeparator, keep);
    }

    /** Surefire runs tests from a manifest-only jar; its full class path is in this property. */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
