package org.layer45.crypto.jca;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

import org.layer45.crypto.KeyExchange;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;

/**
 * ECDHE over secp256r1 / secp384r1 / secp521r1 (RFC 8446 §4.2.8.2, §7.4.2) with the JDK's
 * {@code EC} key pair generator and {@code ECDH} key agreement. Every received point is checked
 * before use: uncompressed form only, exact length, coordinates below p, on the curve (which also
 * rules out the point at infinity, which has no uncompressed encoding). The private scalar is drawn
 * from the backend's random.
 */
public final class JcaEcdhKeyExchange implements KeyExchange {
    private final NamedGroup group;
    private final SecureRandom random;
    private final ECParameterSpec params;
    private final BigInteger p;
    private final int fieldLength;

    /**
     * @param group  secp256r1, secp384r1 or secp521r1
     * @param random the backend's randomness
     */
    public JcaEcdhKeyExchange(NamedGroup group, SecureRandom random) throws TlsFailure {
        this.group = group;
        this.random = random;
        try {
            AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
            ap.init(new ECGenParameterSpec(group.name()));
            this.params = ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("jdk lacks curve " + group.name(), e);
        }
        this.p = ((ECFieldFp) params.getCurve().getField()).getP();
        this.fieldLength = (params.getCurve().getField().getFieldSize() + 7) / 8;
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
    public ClientKeyShare generate() throws TlsFailure {
        KeyPair kp = generateKeyPair();
        byte[] pub = encode(((ECPublicKey) kp.getPublic()).getW());
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
                return agree(kp.getPrivate(), serverShare);
            }
        };
    }

    @Override
    public ServerKeyShare respond(byte[] clientShare) throws TlsFailure {
        PublicKey peer = decode(clientShare);
        KeyPair kp = generateKeyPair();
        byte[] secret = agree(kp.getPrivate(), peer);
        return new ServerKeyShare(encode(((ECPublicKey) kp.getPublic()).getW()), secret);
    }

    private KeyPair generateKeyPair() throws TlsFailure {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(params, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("ec key generation failed", e);
        }
    }

    private byte[] agree(PrivateKey priv, byte[] peerShare) throws TlsFailure {
        return agree(priv, decode(peerShare));
    }

    private byte[] agree(PrivateKey priv, PublicKey peer) throws TlsFailure {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(priv);
            ka.doPhase(peer, true);
            // RFC 8446 §7.4.2: the shared secret is the x-coordinate, fixed length.
            return ka.generateSecret();
        } catch (java.security.InvalidKeyException e) {
            throw invalid("ecdh rejected the peer point", e);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("ecdh failed", e);
        }
    }

    /** RFC 8446 §4.2.8.2: UncompressedPointRepresentation, validated per SP 800-56A §5.6.2.3.4. */
    private PublicKey decode(byte[] share) throws TlsFailure {
        if (share.length != shareLength()) {
            throw invalid("ec point length " + share.length + ", expected " + shareLength(), null);
        }
        if (share[0] != 4) {
            throw invalid("ec point is not uncompressed (first byte " + (share[0] & 0xFF) + ")", null);
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(share, 1, 1 + fieldLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(share, 1 + fieldLength, share.length));
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw invalid("ec point coordinate out of range", null);
        }
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(a).multiply(x).add(b).mod(p);
        if (!lhs.equals(rhs)) {
            throw invalid("ec point is not on " + group.name(), null);
        }
        // NIST prime curves have cofactor 1, so an on-curve point has the full prime order.
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
        } catch (java.security.spec.InvalidKeySpecException e) {
            throw invalid("ec point rejected", e);
        } catch (GeneralSecurityException e) {
            throw TlsFailure.internal("ec key factory failed", e);
        }
    }

    private byte[] encode(ECPoint w) {
        byte[] out = new byte[shareLength()];
        out[0] = 4;
        putFixed(w.getAffineX(), out, 1);
        putFixed(w.getAffineY(), out, 1 + fieldLength);
        return out;
    }

    private void putFixed(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, fieldLength);
        System.arraycopy(b, b.length - n, out, off + fieldLength - n, n);
    }

    private static TlsFailure invalid(String detail, Throwable cause) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.INVALID_KEY_SHARE, detail, cause);
    }
}
