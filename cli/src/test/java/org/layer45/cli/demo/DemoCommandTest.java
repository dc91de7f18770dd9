package org.layer45.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.layer45.cli.CliRun;

/**
 * {@code layer45 demo} in-process, with the child JVM on this build's class path (provider and
 * BouncyCastle as separate entries, unlike the shaded jar the launcher test uses).
 */
@Timeout(120)
class DemoCommandTest {
    @Test
    void demoRunsAnUnmodifiedClientJvmOnLayer45() {
        CliRun r = CliRun.of("demo");
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.contains("[1] provider: SSLContext.getDefault() comes from \"Layer45\""), out);
        assertTrue(out.contains(" -> 301 Moved Permanently, Location: https://localhost:"), out);
        assertTrue(out.contains("offered TLSv1.3, TLSv1.2 (the default context's protocols); chosen TLSv1.3"), out);
        assertTrue(out.contains("key exchange  X25519MLKEM768 (post-quantum hybrid"), out);
        assertTrue(out.contains("response      200, Strict-Transport-Security: max-age=3600"), out);
        assertTrue(out.contains("resumed       yes: org.layer45.resumed = true"), out);
        assertTrue(out.contains("summary: provider Layer45, TLSv1.3, group X25519MLKEM768, TLS_AES_128_GCM_SHA256, "
                + "second connection resumed with a PSK: yes"), out);
        assertTrue(out.matches("(?s).*TLSv1\\.3 TLS_AES_128_GCM_SHA256 X25519MLKEM768 resumed \\(handshake \\d+ ms\\) "
                + "\"GET / HTTP/1\\.1\" 200.*"), out);
        assertTrue(out.contains("demo OK"), out);
        assertEquals("", r.err());
    }

    @Test
    void theOverrideListsLayer45FirstAndRenumbersEveryJdkProvider() {
        String override = DemoCommand.securityOverride();
        assertTrue(override.contains("security.provider.1=Layer45\n"), override);
        for (int i = 1; Security.getProperty("security.provider." + i) != null; i++) {
            assertTrue(override.contains("security.provider." + (i + 1) + "="
                    + Security.getProperty("security.provider." + i).trim() + "\n"), override);
        }
        assertTrue(override.contains("security.provider.2=SUN\n"), override);
    }
}
