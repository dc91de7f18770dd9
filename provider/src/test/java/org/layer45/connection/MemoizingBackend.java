package org.layer45.connection;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.layer45.crypto.Aead;
import org.layer45.crypto.CryptoBackend;
import org.layer45.crypto.Hkdf;
import org.layer45.crypto.KeyExchange;
import org.layer45.crypto.Signer;
import org.layer45.crypto.Verifier;
import org.layer45.crypto.bc.BcXdhKeyExchange;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * A test {@link CryptoBackend} that remembers the results of the slow deterministic primitives —
 * X25519 (keyed by the private key bytes drawn from the random, exactly the one 32-byte draw
 * {@link BcXdhKeyExchange} makes, and the peer share), signing (ECDSA with RFC 6979 nonces and
 * Ed25519 are deterministic) and verification, through the TLS 1.3 and the TLS 1.2 views alike — so
 * that thousands of replayed handshakes cost little. Every answer equals what the delegate computes for
 * the same input; failures are never remembered. The caches are bounded; the random stays the delegate's.
 */
final class MemoizingBackend implements CryptoBackend {
    private static final int MAX_ENTRIES = 20_000;

    private final CryptoBackend delegate;
    private final Map<List<Object>, Object> memo;

    /** A backend over {@code delegate} sharing {@code memo} (a map from {@link #newMemo()}) with others. */
    MemoizingBackend(CryptoBackend delegate, Map<List<Object>, Object> memo) {
        this.delegate = delegate;
        this.memo = memo;
    }

    static Map<List<Object>, Object> newMemo() {
        return new ConcurrentHashMap<>();
    }

    private static ByteBuffer key(byte[] b) {
        return ByteBuffer.wrap(b.clone());
    }

    private void remember(List<Object> k, Object v) {
        if (memo.size() < MAX_ENTRIES) {
            memo.put(k, v);
        }
    }

    // @formatter:off
    @Override public String name() { return "memoizing(" + delegate.name() + ")"; }
    @Override public SecureRandom random() { return delegate.random(); }
    @Override public Hkdf hkdf(String hashName) { return delegate.hkdf(hashName); }
    @Override public Aead aead(AeadAlgorithm alg, byte[] key) throws TlsFailure { return delegate.aead(alg, key); }
    @Override public List<NamedGroup> supportedGroups() { return delegate.supportedGroups(); }
    @Override public List<SignatureScheme> supportedSignatureSchemes() { return delegate.supportedSignatureSchemes(); }
    @Override public boolean canSign(SignatureScheme s, PrivateKey k) { return delegate.canSign(s, k); }
    @Override public boolean canVerify(SignatureScheme s, PublicKey k) { return delegate.canVerify(s, k); }
    // @formatter:on

    @Override
    public KeyExchange keyExchange(NamedGroup group) throws TlsFailure {
        return group.equals(NamedGroup.X25519) ? new X25519() : delegate.keyExchange(group);
    }

    @Override
    public Signer signer(SignatureScheme scheme, PrivateKey privateKey) throws TlsFailure {
        return remembering("sign", delegate.signer(scheme, privateKey), scheme, privateKey);
    }

    @Override
    public Verifier verifier(SignatureScheme scheme, PublicKey publicKey) throws TlsFailure {
        return remembering("verify", delegate.verifier(scheme, publicKey), scheme, publicKey);
    }

    // TLS 1.2 reads ECDSA schemes by their hash only (RFC 5246 §7.4.1.4.1): the delegate's *12 views decide.
    @Override
    public boolean canSign12(SignatureScheme scheme, PrivateKey key) {
        return delegate.canSign12(scheme, key);
    }

    @Override
    public boolean canVerify12(SignatureScheme scheme, PublicKey key) {
        return delegate.canVerify12(scheme, key);
    }

    @Override
    public Signer signer12(SignatureScheme scheme, PrivateKey privateKey) throws TlsFailure {
        return remembering("sign12", delegate.signer12(scheme, privateKey), scheme, privateKey);
    }

    @Override
    public Verifier verifier12(SignatureScheme scheme, PublicKey publicKey) throws TlsFailure {
        return remembering("verify12", delegate.verifier12(scheme, publicKey), scheme, publicKey);
    }

    private Signer remembering(String tag, Signer real, SignatureScheme scheme, PrivateKey privateKey) {
        return new Signer() {
            @Override
            public SignatureScheme scheme() {
                return scheme;
            }

            @Override
            public byte[] sign(byte[] message) throws TlsFailure {
                List<Object> k = List.of(tag, scheme, privateKey, key(message));
                byte[] known = (byte[]) memo.get(k);
                if (known == null) {
                    known = real.sign(message);
                    remember(k, known);
                }
                return known.clone();
            }
        };
    }

    private Verifier remembering(String tag, Verifier real, SignatureScheme scheme, PublicKey publicKey) {
        return new Verifier() {
            @Override
            public SignatureScheme scheme() {
                return scheme;
            }

            @Override
            public boolean verify(byte[] message, byte[] signature) {
                List<Object> k = List.of(tag, scheme, publicKey, key(message), key(signature));
                Boolean known = (Boolean) memo.get(k);
                if (known == null) {
                    known = real.verify(message, signature);
                    remember(k, known);
                }
                return known;
            }
        };
    }

    /** X25519 with the delegate's randomness and remembered scalar multiplications. */
    private final class X25519 implements KeyExchange {
        @Override
        public NamedGroup group() {
            return NamedGroup.X25519;
        }

        /** Draws the private key exactly as {@link BcXdhKeyExchange} would, then computes through it. */
        private byte[] drawPrivate() {
            byte[] k = new byte[32];
            delegate.random().nextBytes(k);
            return k;
        }

        private BcXdhKeyExchange real(byte[] privateKey) {
            return new BcXdhKeyExchange(NamedGroup.X25519, new FixedRandom(privateKey));
        }

        @Override
        public ClientKeyShare generate() throws TlsFailure {
            byte[] priv = drawPrivate();
            List<Object> k = List.of("x25519-generate", key(priv));
            ClientKeyShare share = (ClientKeyShare) memo.get(k);
            if (share == null) {
                share = real(priv).generate();
                remember(k, share);
            }
            ClientKeyShare inner = share;
            return new ClientKeyShare() {
                @Override
                public NamedGroup group() {
                    return NamedGroup.X25519;
                }

                @Override
                public byte[] publicShare() {
                    return inner.publicShare().clone();
                }

                @Override
                public byte[] complete(byte[] serverShare) throws TlsFailure {
                    List<Object> c = List.of("x25519-complete", key(priv), key(serverShare));
                    byte[] secret = (byte[]) memo.get(c);
                    if (secret == null) {
                        secret = inner.complete(serverShare);
                        remember(c, secret);
                    }
                    return secret.clone();
                }
            };
        }

        @Override
        public ServerKeyShare respond(byte[] clientShare) throws TlsFailure {
            byte[] priv = drawPrivate();
            List<Object> k = List.of("x25519-respond", key(priv), key(clientShare));
            ServerKeyShare share = (ServerKeyShare) memo.get(k);
            if (share == null) {
                share = real(priv).respond(clientShare);
                remember(k, share);
            }
            return new ServerKeyShare(share.publicShare().clone(), share.sharedSecret().clone());
        }
    }

    /** Answers the one nextBytes call of a key generation with the drawn private key. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] value;

        FixedRandom(byte[] value) {
            this.value = value.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != value.length) {
                throw new IllegalStateException("expected a draw of " + value.length + " bytes, got " + bytes.length);
            }
            System.arraycopy(value, 0, bytes, 0, bytes.length);
        }
    }
}
