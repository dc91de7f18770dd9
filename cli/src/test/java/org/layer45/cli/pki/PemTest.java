package org.layer45.cli.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layer45.cli.PeerProcess;
import org.layer45.cli.Peers;

class PemTest {
    @TempDir
    Path dir;

    @Test
    void certificatesAndKeysRoundTrip() throws Exception {
        ThrowawayPki pki = ThrowawayPki.create(List.of());
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Pem.certificate(pki.server()) + Pem.certificate(pki.ca()));
        Path key = dir.resolve("key.pem");
        Files.writeString(key, Pem.privateKey(pki.serverKey()));
        assertEquals(List.of(pki.server(), pki.ca()), Pem.readCertificates(chain));
        assertEquals(pki.serverKey(), Pem.readPrivateKey(key));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    /** Keys written by OpenSSL in each format sign data that OpenSSL's public key verifies. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ecparam -name prime256v1 -genkey -out key.pem | EC PRIVATE KEY | SHA256withECDSA | EC",
        "genrsa -traditional -out key.pem 2048 | RSA PRIVATE KEY | SHA256withRSA | RSA",
        "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out key.pem | PRIVATE KEY | SHA384withECDSA | EC",
        "genpkey -algorithm ed25519 -out key.pem | PRIVATE KEY | Ed25519 | EdDSA",
    })
    void readsKeysOpensslWrites(String genArgs, String label, String signatureAlgorithm, String keyAlgorithm)
            throws Exception {
        String openssl = Peers.require("openssl");
        List<String> gen = new java.util.ArrayList<>(List.of(openssl));
        gen.addAll(List.of(genArgs.split(" ")));
        assertEquals(0, PeerProcess.run(dir, gen, 30_000).exitCode());
        assertTrue(Files.readString(dir.resolve("key.pem")).contains("-----BEGIN " + label + "-----"));
        PeerProcess.Result pub = PeerProcess.run(dir, List.of(openssl, "pkey", "-in", "key.pem", "-pubout", "-out",
                "pub.pem"), 30_000);
        assertEquals(0, pub.exitCode(), pub.output());

        PrivateKey key = Pem.readPrivateKey(dir.resolve("key.pem"));
        assertEquals(keyAlgorithm, key.getAlgorithm());
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(key);
        signer.update("layer45".getBytes());
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(publicKey(dir.resolve("pub.pem"), keyAlgorithm));
        verifier.update("layer45".getBytes());
        assertTrue(verifier.verify(sig));
    }

    private static PublicKey publicKey(Path pem, String algorithm) throws Exception {
        String b64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    @Test
    void encryptedKeysAreRefusedWithAHint() throws Exception {
        Path key = dir.resolve("enc.pem");
        Files.writeString(key, Pem.encode("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> Pem.readPrivateKey(key));
        assertTrue(e.getMessage().contains("encrypted key; decrypt it first"), e.getMessage());
    }

    @Test
    void aFileWithoutKeySaysSo() throws Exception {
        Path file = dir.resolve("cert-only.pem");
        Files.writeString(file, Pem.certificate(ThrowawayPki.create(List.of()).ca()));
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> Pem.readPrivateKey(file));
        assertTrue(e.getMessage().startsWith("no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block"), e.getMessage());
        Path keyOnly = dir.resolve("key-only.pem");
        Files.writeString(keyOnly, Pem.privateKey(ThrowawayPki.p256().getPrivate()));
        assertThrows(GeneralSecurityException.class, () -> Pem.readCertificates(keyOnly));
    }
}
