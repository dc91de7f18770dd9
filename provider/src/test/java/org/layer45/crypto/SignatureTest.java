package org.layer45.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layer45.error.TlsFailure;
import org.layer45.iana.SignatureScheme;

/** Every signature scheme: round trip, wrong message, malformed signature, and the canSign matrix. */
class SignatureTest {
    private static final CryptoBackend BACKEND = DefaultCryptoBackend.create();
    /** Key name → key pair; RSA keys are generated once per class (slow). */
    private static final Map<String, KeyPair> KEYS = new LinkedHashMap<>();
    private static final byte[] MESSAGE = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KEYS.put("p256", ec("secp256r1"));
        KEYS.put("p384", ec("secp384r1"));
        KEYS.put("p521", ec("secp521r1"));
        KEYS.put("ed25519", KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        KEYS.put("ed448", KeyPairGenerator.getInstance("Ed448").generateKeyPair());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KEYS.put("rsa", rsa.generateKeyPair());
        KeyPairGenerator pss = KeyPairGenerator.getInstance("RSASSA-PSS");
        pss.initialize(2048);
        KEYS.put("rsassa-pss", pss.generateKeyPair());
        KeyPairGenerator pss384 = KeyPairGenerator.getInstance("RSASSA-PSS");
        pss384.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4,
                new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1)));
        KEYS.put("rsassa-pss-sha384-only", pss384.generateKeyPair());
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KEYS.put("rsa1024", small.generateKeyPair());
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    /** The one key each scheme is tested with. */
    private static String keyFor(SignatureScheme s) {
        return switch (s.name()) {
            case "ecdsa_secp256r1_sha256" -> "p256";
            case "ecdsa_secp384r1_sha384" -> "p384";
            case "ecdsa_secp521r1_sha512" -> "p521";
            case "ed25519" -> "ed25519";
            case "ed448" -> "ed448";
            case "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512" -> "rsassa-pss";
            default -> "rsa";
        };
    }

    static Stream<SignatureScheme> schemes() {
        return BACKEND.supportedSignatureSchemes().stream();
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void roundTripAndWrongMessage(SignatureScheme scheme) throws TlsFailure {
        KeyPair kp = KEYS.get(keyFor(scheme));
        assertTrue(BACKEND.canSign(scheme, kp.getPrivate()));
        assertTrue(BACKEND.canVerify(scheme, kp.getPublic()));
        Signer signer = BACKEND.signer(scheme, kp.getPrivate());
        assertEquals(scheme, signer.scheme());
        byte[] sig = signer.sign(MESSAGE);
        Verifier v = BACKEND.verifier(scheme, kp.getPublic());
        assertEquals(scheme, v.scheme());
        assertTrue(v.verify(MESSAGE, sig));
        byte[] other = MESSAGE.clone();
        other[0] ^= 1;
        assertFalse(v.verify(other, sig));
        byte[] badSig = sig.clone();
        badSig[badSig.length / 2] ^= 1;
        assertFalse(v.verify(MESSAGE, badSig));
        // malformed input never throws
        assertFalse(v.verify(MESSAGE, new byte[0]));
        assertFalse(v.verify(MESSAGE, new byte[] {0x30, 0x7f, 1}));
        assertFalse(v.verify(MESSAGE, java.util.Arrays.copyOf(sig, sig.length + 1)));
        assertFalse(v.verify(MESSAGE, null));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void interoperatesWithPlainJca(SignatureScheme scheme) throws Exception {
        KeyPair kp = KEYS.get(keyFor(scheme));
        java.security.Signature jca = jcaSignature(scheme);
        jca.initVerify(kp.getPublic());
        jca.update(MESSAGE);
        assertTrue(jca.verify(BACKEND.signer(scheme, kp.getPrivate()).sign(MESSAGE)), "jca verifies ours");
        jca.initSign(kp.getPrivate());
        jca.update(MESSAGE);
        assertTrue(BACKEND.verifier(scheme, kp.getPublic()).verify(MESSAGE, jca.sign()), "we verify jca's");
    }

    private static java.security.Signature jcaSignature(SignatureScheme scheme) throws GeneralSecurityException {
        String n = scheme.name();
        String hash = n.endsWith("sha256") ? "SHA-256" : n.endsWith("sha384") ? "SHA-384" : "SHA-512";
        if (n.startsWith("rsa_pss")) {
            java.security.Signature s = java.security.Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    Integer.parseInt(hash.substring(4)) / 8, 1));
            return s;
        }
        if (n.startsWith("ed")) {
            return java.security.Signature.getInstance(n.equals("ed25519") ? "Ed25519" : "Ed448");
        }
        String h = hash.replace("-", "");
        return java.security.Signature.getInstance(h + (n.startsWith("ecdsa") ? "withECDSA" : "withRSA"));
    }

    @Test
    void ecdsaSignatureIsDer() throws TlsFailure {
        byte[] sig = BACKEND.signer(SignatureScheme.ECDSA_SECP256R1_SHA256, KEYS.get("p256").getPrivate()).sign(MESSAGE);
        assertEquals(0x30, sig[0]);
        assertEquals(sig.length - 2, sig[1]);
    }

    @Test
    void canSignMatrix() {
        // scheme → the only keys that may sign (and verify) with it
        for (SignatureScheme scheme : BACKEND.supportedSignatureSchemes()) {
            for (Map.Entry<String, KeyPair> e : KEYS.entrySet()) {
                boolean expected = expectedFit(scheme, e.getKey());
                assertEquals(expected, BACKEND.canSign(scheme, e.getValue().getPrivate()),
                        scheme + " canSign " + e.getKey());
                assertEquals(expected, BACKEND.canVerify(scheme, e.getValue().getPublic()),
                        scheme + " canVerify " + e.getKey());
            }
        }
        assertFalse(BACKEND.canSign(SignatureScheme.RSA_PKCS1_SHA1, KEYS.get("rsa").getPrivate()));
        assertFalse(BACKEND.canSign(SignatureScheme.of(0x0fff), KEYS.get("rsa").getPrivate()));
        assertFalse(BACKEND.canSign(SignatureScheme.ED25519, null));
    }

    private static boolean expectedFit(SignatureScheme scheme, String key) {
        String n = scheme.name();
        return switch (key) {
            case "p256" -> n.equals("ecdsa_secp256r1_sha256");
            case "p384" -> n.equals("ecdsa_secp384r1_sha384");
            case "p521" -> n.equals("ecdsa_secp521r1_sha512");
            case "ed25519" -> n.equals("ed25519");
            case "ed448" -> n.equals("ed448");
            case "rsa" -> n.startsWith("rsa_pss_rsae") || n.startsWith("rsa_pkcs1");
            // 1024-bit: PSS with SHA-512 needs emLen >= 2*64+2 = 130 > 128 bytes
            case "rsa1024" -> (n.startsWith("rsa_pss_rsae") && !n.endsWith("512")) || n.startsWith("rsa_pkcs1");
            case "rsassa-pss" -> n.startsWith("rsa_pss_pss");
            case "rsassa-pss-sha384-only" -> n.equals("rsa_pss_pss_sha384");
            default -> throw new AssertionError(key);
        };
    }

    @Test
    void restrictedPssKeySignsItsScheme() throws TlsFailure {
        KeyPair kp = KEYS.get("rsassa-pss-sha384-only");
        byte[] sig = BACKEND.signer(SignatureScheme.RSA_PSS_PSS_SHA384, kp.getPrivate()).sign(MESSAGE);
        assertTrue(BACKEND.verifier(SignatureScheme.RSA_PSS_PSS_SHA384, kp.getPublic()).verify(MESSAGE, sig));
    }

    @Test
    void mismatchedKeyIsRefused() {
        assertThrows(TlsFailure.class,
                () -> BACKEND.signer(SignatureScheme.ECDSA_SECP384R1_SHA384, KEYS.get("p256").getPrivate()));
        assertThrows(TlsFailure.class,
                () -> BACKEND.verifier(SignatureScheme.RSA_PSS_PSS_SHA256, KEYS.get("rsa").getPublic()));
    }

    @Test
    void rsaeAndPkcs1SignaturesDoNotCrossVerify() throws TlsFailure {
        KeyPair kp = KEYS.get("rsa");
        byte[] pss = BACKEND.signer(SignatureScheme.RSA_PSS_RSAE_SHA256, kp.getPrivate()).sign(MESSAGE);
        assertFalse(BACKEND.verifier(SignatureScheme.RSA_PKCS1_SHA256, kp.getPublic()).verify(MESSAGE, pss));
        assertFalse(BACKEND.verifier(SignatureScheme.RSA_PSS_RSAE_SHA384, kp.getPublic()).verify(MESSAGE, pss));
    }
}
