package org.layer45.keyschedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layer45.testcrypto.Hex.bytes;
import static org.layer45.testcrypto.Hex.hex;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.crypto.Hkdf;
import org.layer45.testcrypto.Rfc8448;
import org.layer45.testcrypto.TestHkdf;

/** HKDF-Expand-Label encoding, KeyUpdate, the exporter and the typestate of the key schedule. */
class KeyScheduleTest {
    private final Hkdf h = TestHkdf.sha256();

    @Test
    void hkdfLabelIsEncodedAsRfc8446Section71() {
        // HkdfLabel = length u16 ‖ opaque label<7..255> ("tls13 " + Label) ‖ opaque context<0..255>.
        byte[] secret = Rfc8448.S3_EARLY_SECRET;
        byte[] ctx = bytes("0102");
        byte[] info = bytes("0020" + "0b" + hex("tls13 hello".getBytes(StandardCharsets.US_ASCII)) + "02" + "0102");
        assertArrayEquals(h.expand(secret, info, 32), KeySchedule.hkdfExpandLabel(h, secret, "hello", ctx, 32));
        // A null context is an empty context.
        assertArrayEquals(KeySchedule.hkdfExpandLabel(h, secret, "x", new byte[0], 16),
                KeySchedule.hkdfExpandLabel(h, secret, "x", null, 16));
    }

    @Test
    void nextTrafficSecretIsTrafficUpd() {
        // RFC 8446 §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(., "traffic upd", "", Hash.length).
        TrafficSecret s0 = TrafficSecret.of(h, Rfc8448.S3_C_AP_TRAFFIC);
        TrafficSecret s1 = s0.next();
        assertArrayEquals(KeySchedule.hkdfExpandLabel(h, Rfc8448.S3_C_AP_TRAFFIC, "traffic upd", new byte[0], 32),
                s1.secret());
        assertFalse(Arrays.equals(s0.secret(), s1.secret()));
        assertFalse(Arrays.equals(s1.secret(), s1.next().secret()));
    }

    @Test
    void secretAccessorReturnsCopies() {
        TrafficSecret s = TrafficSecret.of(h, Rfc8448.S3_C_AP_TRAFFIC);
        s.secret()[0] ^= 1;
        assertArrayEquals(Rfc8448.S3_C_AP_TRAFFIC, s.secret());
    }

    @Test
    void exporterFollowsRfc8446Section75() {
        Exporter exporter = Exporter.of(h, Rfc8448.S3_EXP_MASTER);
        byte[] ctx = bytes("abcdef");
        byte[] labelSecret = KeySchedule.deriveSecret(h, Rfc8448.S3_EXP_MASTER, "EXPORTER-test", h.digest(new byte[0]));
        byte[] expected = KeySchedule.hkdfExpandLabel(h, labelSecret, "exporter", h.digest(ctx), 42);
        assertArrayEquals(expected, exporter.export("EXPORTER-test", ctx, 42));
        // RFC 8446 §7.5: no context and an empty context give the same value.
        assertArrayEquals(exporter.export("EXPORTER-test", new byte[0], 32), exporter.export("EXPORTER-test", null, 32));
        assertNotEquals(hex(exporter.export("EXPORTER-a", ctx, 32)), hex(exporter.export("EXPORTER-b", ctx, 32)));
        // The master secret's exporter is keyed with exp master.
        MasterSecret master = EarlySecret.withoutPsk(h).handshakeSecret(Rfc8448.S3_ECDHE).masterSecret();
        assertArrayEquals(exporter.export("x", ctx, 16), master.exporter(Rfc8448.S3_HASH_CH_SF).export("x", ctx, 16));
    }

    @Test
    void pskKeOnlyUsesZeroInputForHandshakeSecret() {
        // RFC 8446 §7.1: without (EC)DHE the input is Hash.length zeros.
        EarlySecret early = EarlySecret.withPsk(h, Rfc8448.S3_RESUMPTION_PSK);
        assertArrayEquals(early.handshakeSecret(new byte[32]).secret(), early.handshakeSecret(null).secret());
    }

    @Test
    void finishedComparisonIsExact() {
        assertTrue(KeySchedule.constantTimeEquals(Rfc8448.S3_C_VERIFY_DATA, Rfc8448.S3_C_VERIFY_DATA.clone()));
        byte[] bad = Rfc8448.S3_C_VERIFY_DATA.clone();
        bad[31] ^= 1;
        assertFalse(KeySchedule.constantTimeEquals(Rfc8448.S3_C_VERIFY_DATA, bad));
        assertFalse(KeySchedule.constantTimeEquals(Rfc8448.S3_C_VERIFY_DATA, Arrays.copyOf(bad, 31)));
    }

    @Test
    void typestateNeverSkipsAStage() {
        // DESIGN §4: an application key cannot be derived from an early secret, nor a handshake
        // key from the master secret. Check the public method return types of each stage.
        assertNoPublicMethodReturns(EarlySecret.class, MasterSecret.class);
        assertNoPublicMethodReturns(HandshakeSecret.class, EarlySecret.class, Exporter.class);
        assertNoPublicMethodReturns(MasterSecret.class, EarlySecret.class, HandshakeSecret.class);
        // Only the stage before may construct the next: no public constructors anywhere.
        for (Class<?> c : List.of(EarlySecret.class, HandshakeSecret.class, MasterSecret.class, TrafficSecret.class,
                Exporter.class)) {
            assertEquals(0, c.getConstructors().length, c.getSimpleName());
            assertTrue(Modifier.isFinal(c.getModifiers()), c.getSimpleName());
        }
    }

    private static void assertNoPublicMethodReturns(Class<?> stage, Class<?>... forbidden) {
        for (Method m : stage.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            for (Class<?> f : forbidden) {
                assertNotEquals(f, m.getReturnType(), stage.getSimpleName() + "." + m.getName());
            }
        }
    }
}
