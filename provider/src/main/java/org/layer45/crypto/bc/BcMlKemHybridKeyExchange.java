package org.layer45.crypto.bc;

import java.security.SecureRandom;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.layer45.crypto.KeyExchange;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;

/**
 * A hybrid ECDHE + ML-KEM-768 group (draft-ietf-tls-ecdhe-mlkem §3): X25519MLKEM768 (0x11EC, ML-KEM
 * part first) and SecP256r1MLKEM768 (0x11EB, ECDH part first). Shares and the shared secret are the
 * concatenations of the two components in that order. ML-KEM-768 is BouncyCastle's lightweight
 * FIPS 203 code; the classical half is any {@link KeyExchange}.
 *
 * <p>Validation: the client share must be exactly classical + 1184 bytes and the server share
 * classical + 1088 bytes; BouncyCastle's {@code MLKEMPublicKeyParameters} performs the FIPS 203
 * §7.2 encapsulation-key modulus check (every 12-bit coefficient below q = 3329) and throws, which
 * becomes {@code illegal_parameter}. The classical half validates itself.
 */
public final class BcMlKemHybridKeyExchange implements KeyExchange {
    /** FIPS 203 ML-KEM-768 encapsulation key length. */
    public static final int ENCAPSULATION_KEY_LENGTH = 1184;
    /** FIPS 203 ML-KEM-768 ciphertext length. */
    public static final int CIPHERTEXT_LENGTH = 1088;

    private final NamedGroup group;
    private final KeyExchange classical;
    private final int classicalLength;
    private final boolean classicalFirst;
    private final SecureRandom random;

    /**
     * @param group           the hybrid group
     * @param classical       the ECDHE / X25519 half
     * @param classicalLength its share length (32 for X25519, 65 for P-256)
     * @param classicalFirst  whether the classical part comes first on the wire and in the secret
     * @param random          the backend's randomness
     */
    public BcMlKemHybridKeyExchange(NamedGroup group, KeyExchange classical, int classicalLength,
            boolean classicalFirst, SecureRandom random) {
        this.group = group;
        this.classical = classical;
        this.classicalLength = classicalLength;
        this.classicalFirst = classicalFirst;
        this.random = random;
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public ClientKeyShare generate() throws TlsFailure {
        MLKEMKeyPairGenerator gen = new MLKEMKeyPairGenerator();
        gen.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        byte[] ek = ((MLKEMPublicKeyParameters) kp.getPublic()).getEncoded();
        MLKEMPrivateKeyParameters dk = (MLKEMPrivateKeyParameters) kp.getPrivate();
        ClientKeyShare ecdh = classical.generate();
        byte[] pub = join(ecdh.publicShare(), ek);
        return new ClientKeyShare() {
            @Override
            public NamedGroup group() {
                return group;
            }

            @Override
            public byte[] publicShare() {
                return pub.clone();
            }

            @Override
            public byte[] complete(byte[] serverShare) throws TlsFailure {
                checkLength(serverShare, CIPHERTEXT_LENGTH, "server");
                byte[] ct = kemPart(serverShare, CIPHERTEXT_LENGTH);
                byte[] ecdhSecret = ecdh.complete(classicalPart(serverShare, CIPHERTEXT_LENGTH));
                byte[] kemSecret;
                try {
                    kemSecret = new MLKEMExtractor(dk).extractSecret(ct);
                } catch (IllegalArgumentException e) {
                    throw invalid("ml-kem ciphertext rejected", e);
                }
                return join(ecdhSecret, kemSecret);
            }
        };
    }

    @Override
    public ServerKeyShare respond(byte[] clientShare) throws TlsFailure {
        checkLength(clientShare, ENCAPSULATION_KEY_LENGTH, "client");
        MLKEMPublicKeyParameters ek;
        try {
            // FIPS 203 §7.2 input check (modulus) happens in this constructor.
            ek = new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768,
                    kemPart(clientShare, ENCAPSULATION_KEY_LENGTH));
        } catch (IllegalArgumentException e) {
            throw invalid("ml-kem encapsulation key rejected", e);
        }
        ServerKeyShare ecdh = classical.respond(classicalPart(clientShare, ENCAPSULATION_KEY_LENGTH));
        SecretWithEncapsulation enc = new MLKEMGenerator(random).generateEncapsulated(ek);
        return new ServerKeyShare(join(ecdh.publicShare(), enc.getEncapsulation()),
                join(ecdh.sharedSecret(), enc.getSecret()));
    }

    /** Concatenates a classical and an ML-KEM part in this group's order. */
    private byte[] join(byte[] classicalPart, byte[] kemPart) {
        byte[] first = classicalFirst ? classicalPart : kemPart;
        byte[] second = classicalFirst ? kemPart : classicalPart;
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    private byte[] classicalPart(byte[] share, int kemLength) {
        int off = classicalFirst ? 0 : kemLength;
        return java.util.Arrays.copyOfRange(share, off, off + classicalLength);
    }

    private byte[] kemPart(byte[] share, int kemLength) {
        int off = classicalFirst ? classicalLength : 0;
        return java.util.Arrays.copyOfRange(share, off, off + kemLength);
    }

    private void checkLength(byte[] share, int kemLength, String who) throws TlsFailure {
        int expected = classicalLength + kemLength;
        if (share.length != expected) {
            throw invalid(group.name() + " " + who + " share length " + share.length + ", expected " + expected,
                    null);
        }
    }

    private static TlsFailure invalid(String detail, Throwable cause) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.INVALID_KEY_SHARE, detail, cause);
    }
}
