package org.layer45.crypto.bc;

import java.security.SecureRandom;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.layer45.crypto.KeyExchange;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.NamedGroup;

/**
 * X25519 and X448 (RFC 7748, RFC 8446 §4.2.8.2, §7.4.2) with BouncyCastle's constant-time
 * {@code rfc7748} code. The private key is exactly one {@code random.nextBytes(byte[32 or 56])}
 * call, clamped, so a scripted random reproduces RFC 8448. A share of the wrong length, or one that
 * yields the all-zero shared secret (a small-order point, RFC 7748 §6.1 / RFC 8446 §7.4.2), fails
 * with {@code illegal_parameter}.
 */
public final class BcXdhKeyExchange implements KeyExchange {
    private final NamedGroup group;
    private final SecureRandom random;
    private final boolean x448;
    private final int size;

    /**
     * @param group  x25519 or x448
     * @param random the backend's randomness
     */
    public BcXdhKeyExchange(NamedGroup group, SecureRandom random) {
        if (!group.equals(NamedGroup.X25519) && !group.equals(NamedGroup.X448)) {
            throw new IllegalArgumentException("not an xdh group: " + group);
        }
        this.group = group;
        this.random = random;
        this.x448 = group.equals(NamedGroup.X448);
        this.size = x448 ? X448.POINT_SIZE : X25519.POINT_SIZE;
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public ClientKeyShare generate() {
        byte[] priv = newPrivateKey();
        byte[] pub = publicKey(priv);
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
                return agree(priv, serverShare);
            }
        };
    }

    @Override
    public ServerKeyShare respond(byte[] clientShare) throws TlsFailure {
        checkLength(clientShare);
        byte[] priv = newPrivateKey();
        byte[] secret = agree(priv, clientShare);
        return new ServerKeyShare(publicKey(priv), secret);
    }

    private byte[] newPrivateKey() {
        byte[] k = new byte[size];
        random.nextBytes(k);
        if (x448) {
            X448.clampPrivateKey(k);
        } else {
            X25519.clampPrivateKey(k);
        }
        return k;
    }

    private byte[] publicKey(byte[] priv) {
        byte[] pub = new byte[size];
        if (x448) {
            X448.scalarMultBase(priv, 0, pub, 0);
        } else {
            X25519.scalarMultBase(priv, 0, pub, 0);
        }
        return pub;
    }

    private byte[] agree(byte[] priv, byte[] peer) throws TlsFailure {
        checkLength(peer);
        byte[] secret = new byte[size];
        boolean nonZero = x448
                ? X448.calculateAgreement(priv, 0, peer, 0, secret, 0)
                : X25519.calculateAgreement(priv, 0, peer, 0, secret, 0);
        // RFC 8446 §7.4.2: "MUST check whether the computed Diffie-Hellman shared secret is the
        // all-zero value and abort if so"
        if (!nonZero) {
            throw invalid(group.name() + " shared secret is all zero");
        }
        return secret;
    }

    private void checkLength(byte[] share) throws TlsFailure {
        if (share.length != size) {
            throw invalid(group.name() + " share length " + share.length + ", expected " + size);
        }
    }

    private static TlsFailure invalid(String detail) {
        return new TlsFailure(AlertDescription.ILLEGAL_PARAMETER, Reason.INVALID_KEY_SHARE, detail);
    }
}
