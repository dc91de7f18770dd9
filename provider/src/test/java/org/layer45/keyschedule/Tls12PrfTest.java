package org.layer45.keyschedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.layer45.crypto.DefaultCryptoBackend;

/**
 * TLS 1.2 PRF (RFC 5246 §5) against the widely used known-answer vectors (label "test label"),
 * cross-checked with {@code openssl kdf TLS1-PRF}.
 */
class Tls12PrfTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void prfSha256() {
        byte[] out = Tls12KeySchedule.prf(DefaultCryptoBackend.create().hkdf("SHA-256"),
                hex("9bbe436ba940f017b17652849a71db35"), "test label", hex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertArrayEquals(hex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e"
                + "14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110ff"
                + "f70187347b66"), out);
    }

    @Test
    void prfSha384() {
        byte[] out = Tls12KeySchedule.prf(DefaultCryptoBackend.create().hkdf("SHA-384"),
                hex("b80b733d6ceefcdc71566ea48e5567df"), "test label", hex("cd665cf6a8447dd6ff8b27555edb7465"), 148);
        assertArrayEquals(hex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1"
                + "233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d"
                + "9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990"
                + "703d73e56f"), out);
    }
}
