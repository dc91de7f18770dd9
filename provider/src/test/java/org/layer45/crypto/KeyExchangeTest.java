package org.layer45.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;

/** Key exchange: the RFC 8448 §3 X25519 vector, agreement for every group, every invalid share class. */
class KeyExchangeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String CLIENT_PRIV = "49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005";
    private static final String CLIENT_PUB = "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c";
    private static final String SERVER_PRIV = "b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e";
    private static final String SERVER_PUB = "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f";
    private static final String SHARED = "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d";

    private final CryptoBackend backend = DefaultCryptoBackend.create();

    static Stream<NamedGroup> groups() {
        return DefaultCryptoBackend.create().supportedGroups().stream();
    }

    @Test
    void rfc8448X25519Client() throws TlsFailure {
        CryptoBackend b = DefaultCryptoBackend.create(new ScriptedRandom(CLIENT_PRIV));
        KeyExchange.ClientKeyShare share = b.keyExchange(NamedGroup.X25519).generate();
        assertEquals(CLIENT_PUB, HEX.formatHex(share.publicShare()));
        assertEquals(SHARED, HEX.formatHex(share.complete(HEX.parseHex(SERVER_PUB))));
    }

    @Test
    void rfc8448X25519Server() throws TlsFailure {
        CryptoBackend b = DefaultCryptoBackend.create(new ScriptedRandom(SERVER_PRIV));
        KeyExchange.ServerKeyShare s = b.keyExchange(NamedGroup.X25519).respond(HEX.parseHex(CLIENT_PUB));
        assertEquals(SERVER_PUB, HEX.formatHex(s.publicShare()));
        assertEquals(SHARED, HEX.formatHex(s.sharedSecret()));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void sharesComeFromTheBackendRandom(NamedGroup group) throws Exception {
        byte[] first = seeded(group);
        assertArrayEquals(first, seeded(group));
    }

    private static byte[] seeded(NamedGroup group) throws Exception {
        java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(42);
        return DefaultCryptoBackend.create(r).keyExchange(group).generate().publicShare();
    }

    @ParameterizedTest
    @MethodSource("groups")
    void clientAndServerAgree(NamedGroup group) throws TlsFailure {
        KeyExchange kx = backend.keyExchange(group);
        assertEquals(group, kx.group());
        KeyExchange.ClientKeyShare c = kx.generate();
        assertEquals(group, c.group());
        assertEquals(shareLength(group, true), c.publicShare().length);
        KeyExchange.ServerKeyShare s = backend.keyExchange(group).respond(c.publicShare());
        assertEquals(shareLength(group, false), s.publicShare().length);
        byte[] secret = c.complete(s.publicShare());
        assertArrayEquals(s.sharedSecret(), secret);
        assertEquals(secretLength(group), secret.length);
        assertFalse(Arrays.equals(secret, new byte[secret.length]));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void wrongLengthIsIllegalParameter(NamedGroup group) throws TlsFailure {
        KeyExchange kx = backend.keyExchange(group);
        KeyExchange.ClientKeyShare c = kx.generate();
        byte[] good = c.publicShare();
        byte[] serverGood = backend.keyExchange(group).respond(good).publicShare();
        for (int delta : new int[] {-1, 1}) {
            byte[] bad = Arrays.copyOf(good, good.length + delta);
            assertInvalid(() -> kx.respond(bad));
            byte[] badServer = Arrays.copyOf(serverGood, serverGood.length + delta);
            assertInvalid(() -> c.complete(badServer));
        }
        assertInvalid(() -> kx.respond(new byte[0]));
    }

    @Test
    void ecdheAgreesWithPlainJdkPeer() throws Exception {
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec(curve));
            java.security.KeyPair jdk = g.generateKeyPair();
            java.security.interfaces.ECPublicKey pub = (java.security.interfaces.ECPublicKey) jdk.getPublic();
            int flen = (pub.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            byte[] share = new byte[1 + 2 * flen];
            share[0] = 4;
            put(pub.getW().getAffineX(), share, 1, flen);
            put(pub.getW().getAffineY(), share, 1 + flen, flen);
            KeyExchange.ServerKeyShare s = backend.keyExchange(NamedGroup.byName(curve)).respond(share);
            byte[] sp = s.publicShare();
            java.security.spec.ECPoint w = new java.security.spec.ECPoint(
                    new java.math.BigInteger(1, Arrays.copyOfRange(sp, 1, 1 + flen)),
                    new java.math.BigInteger(1, Arrays.copyOfRange(sp, 1 + flen, sp.length)));
            java.security.PublicKey serverKey = java.security.KeyFactory.getInstance("EC")
                    .generatePublic(new java.security.spec.ECPublicKeySpec(w, pub.getParams()));
            javax.crypto.KeyAgreement ka = javax.crypto.KeyAgreement.getInstance("ECDH");
            ka.init(jdk.getPrivate());
            ka.doPhase(serverKey, true);
            assertArrayEquals(ka.generateSecret(), s.sharedSecret(), curve);
        }
    }

    private static void put(java.math.BigInteger v, byte[] out, int off, int len) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, len);
        System.arraycopy(b, b.length - n, out, off + len - n, n);
    }

    @Test
    void x25519AllZeroSecretIsIllegalParameter() throws TlsFailure {
        // u = 0 and u = 1 are small-order points: the shared secret is all zero (RFC 7748 §6.1).
        KeyExchange kx = backend.keyExchange(NamedGroup.X25519);
        assertInvalid(() -> kx.respond(new byte[32]));
        byte[] one = new byte[32];
        one[0] = 1;
        assertInvalid(() -> kx.respond(one));
        assertInvalid(() -> kx.generate().complete(new byte[32]));
        KeyExchange x448 = backend.keyExchange(NamedGroup.X448);
        assertInvalid(() -> x448.respond(new byte[56]));
        // The hybrid's X25519 half is checked too (ML-KEM part first).
        KeyExchange hybrid = backend.keyExchange(NamedGroup.X25519_MLKEM768);
        byte[] share = hybrid.generate().publicShare();
        Arrays.fill(share, 1184, 1216, (byte) 0);
        assertInvalid(() -> hybrid.respond(share));
    }

    @Test
    void ecPointClasses() throws TlsFailure {
        for (NamedGroup g : new NamedGroup[] {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1}) {
            KeyExchange kx = backend.keyExchange(g);
            byte[] good = kx.generate().publicShare();
            int flen = (good.length - 1) / 2;
            // off the curve: change y
            byte[] offCurve = good.clone();
            offCurve[offCurve.length - 1] ^= 1;
            assertInvalid(() -> kx.respond(offCurve));
            // identity: there is no uncompressed encoding; the all-zero "point" (0, 0) is not on the curve
            byte[] identity = new byte[good.length];
            identity[0] = 4;
            assertInvalid(() -> kx.respond(identity));
            assertInvalid(() -> kx.respond(new byte[] {0}));
            // compressed point (0x02/0x03 ‖ X), both at the compressed length and padded to full length
            byte[] compressed = Arrays.copyOf(good, 1 + flen);
            compressed[0] = 2;
            assertInvalid(() -> kx.respond(compressed));
            byte[] wrongPrefix = good.clone();
            wrongPrefix[0] = 3;
            assertInvalid(() -> kx.respond(wrongPrefix));
            // coordinate >= p
            byte[] big = good.clone();
            Arrays.fill(big, 1, 1 + flen, (byte) 0xFF);
            assertInvalid(() -> kx.respond(big));
            // client side validates the server point too
            assertInvalid(() -> kx.generate().complete(offCurve));
        }
        KeyExchange hybrid = backend.keyExchange(NamedGroup.SECP256R1_MLKEM768);
        byte[] share = hybrid.generate().publicShare();
        share[64] ^= 1;
        assertInvalid(() -> hybrid.respond(share));
    }

    @Test
    void mlKemEncapsulationKeyModulusChecked() throws TlsFailure {
        KeyExchange kx = backend.keyExchange(NamedGroup.X25519_MLKEM768);
        byte[] share = kx.generate().publicShare();
        // first 12-bit coefficient := 0xFFF >= 3329 (FIPS 203 §7.2 modulus check)
        share[0] = (byte) 0xFF;
        share[1] = (byte) (share[1] | 0x0F);
        assertInvalid(() -> kx.respond(share));
        KeyExchange p = backend.keyExchange(NamedGroup.SECP256R1_MLKEM768);
        byte[] pshare = p.generate().publicShare();
        pshare[65] = (byte) 0xFF;
        pshare[66] = (byte) (pshare[66] | 0x0F);
        assertInvalid(() -> p.respond(pshare));
    }

    private static void assertInvalid(Executable e) {
        TlsFailure f = assertThrows(TlsFailure.class, e);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, f.alert());
        assertEquals(Reason.INVALID_KEY_SHARE, f.reason());
    }

    private static int shareLength(NamedGroup g, boolean client) {
        return switch (g.code()) {
            case 0x001D -> 32;
            case 0x001E -> 56;
            case 0x0017 -> 65;
            case 0x0018 -> 97;
            case 0x0019 -> 133;
            case 0x11EC -> (client ? 1184 : 1088) + 32;
            case 0x11EB -> (client ? 1184 : 1088) + 65;
            default -> throw new AssertionError(g);
        };
    }

    private static int secretLength(NamedGroup g) {
        return switch (g.code()) {
            case 0x001D, 0x0017 -> 32;
            case 0x001E -> 56;
            case 0x0018 -> 48;
            case 0x0019 -> 66;
            case 0x11EC, 0x11EB -> 64;
            default -> throw new AssertionError(g);
        };
    }
}
