package org.layer45.crypto.bc;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.layer45.crypto.KeyExchange;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;

/**
 * ECDHE over secp256r1 / secp384r1 / secp521r1 (RFC 8446 §4.2.8.2, §7.4.2) with BouncyCastle's
 * custom-curve arithmetic. The private scalar is drawn from the backend's random. Every received
 * point is checked before use: uncompressed form only (first byte 4), exact length, coordinates
 * below p and on the curve ({@code ECCurve.decodePoint} and {@code ECPublicKeyParameters} validate,
 * SP 800-56A §5.6.2.3.3); the point at infinity has no uncompressed encoding; the NIST curves have
 * cofactor 1, so no small-subgroup check is needed beyond that.
 */
public final class BcEcdhKeyExchange implements KeyExchange {
    private final NamedGroup group;
    private final SecureRandom random;
    private final ECDomainParameters domain;
    private final int fieldLength;

    /**
     * @param group  secp256r1, secp384r1 or secp521r1
     * @param random the backend's randomness
     */
    public BcEcdhKeyExchange(NamedGroup group, SecureRandom random) {
        X9ECParameters x9 = CustomNamedCurves.getByName(group.name());
        if (x9 == null) {
            throw new IllegalArgumentException("not a nist curve group: " + group);
        }
        this.group = group;
        this.random = random;
        this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
        this.fieldLength = (x9.getCurve().getFieldSize() + 7) / 8;
    }

    /** Length of an uncompressed point: 0x04 ‖ X ‖ Y. */
    public int shareLength() {
        return 1 + 2 * fieldLength;
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public ClientKeyShare generate() {
        AsymmetricCipherKeyPair kp = generateKeyPair();
        byte[] pub = ((ECPublicKeyParameters) kp.getPublic()).getQ().getEncoded(false);
        ECPrivateKeyParameters priv = (ECPrivateKeyParameters) kp.getPrivate();
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
                return agree(priv, decode(serverShare));
            }
        };
    }

    @Override
    public ServerKeyShare respond(byte[] clientShare) throws TlsFailure {
        ECPublicKeyParameters peer = decode(clientShare);
        AsymmetricCipherKeyPair kp = generateKeyPair();
        byte[] secret = agree((ECPrivateKeyParameters) kp.getPrivate(), peer);
        return new ServerKeyShare(((ECPublicKeyParameters) kp.getPublic()).getQ().getEncoded(false), secret);
    }

    private AsymmetricCipherKeyPair generateKeyPair() {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(domain, random));
        return g.generateKeyPair();
    }

    private byte[] agree(ECPrivateKeyParameters priv, ECPublicKeyParameters peer) throws TlsFailure {
        ECDHBasicAgreement a = new ECDHBasicAgreement();
        a.init(priv);
        BigInteger z;
        try {
            z = a.calculateAgreement(peer);
        } catch (IllegalStateException e) {
            throw invalid("ecdh produced the point at infinity", e);
        }
        // RFC 8446 §7.4.2: the shared secret is the x-coordinate, padded to the field length.
        return BigIntegers.asUnsignedByteArray(fieldLength, z);
    }

    /** RFC 8446 §4.2.8.2: UncompressedPointRepresentation only. */
    private ECPublicKeyParameters decode(byte[] share) throws TlsFailure {
        if (share.length != shareLength()) {
            throw invalid("ec point length " + share.length + ", expected " + shareLength(), null);
        }
        if (share[0] != 4) {
            throw invalid("ec point is not uncompressed (first byte " + (share[0] & 0xFF) + ")", null);
        }
        try {
            ECPoint q = domain.getCurve().decodePoint(share);
            return new ECPublicKeyParameters(q, domain);
        } catch (IllegalArgumentException e) {
            throw invalid("ec point is not a valid " + group.name() + " point", e);
        }
    }

    private static TlsFailure invalid(String detail, Throwable cause) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.INVALID_KEY_SHARE, detail, cause);
    }
}
