package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * TLS 1.2 ClientKeyExchange (RFC 5246 §7.4.7): {@code select (KeyExchangeAlgorithm) { ... } exchange_keys}.
 * The body's form depends on the negotiated key exchange, which the decoder does not know, so the
 * record keeps the exchange_keys bytes and the state that knows the suite reads them through
 * {@link #ecdhYc()} (ECDHE, RFC 8422 §5.7: {@code opaque ecdh_Yc<1..2^8-1>}) or
 * {@link #encryptedPreMasterSecret()} (RSA, RFC 5246 §7.4.7.1: {@code opaque <0..2^16-1>}), as
 * rustls and Go do. Either view fails with decode_error on a malformed body.
 *
 * @param exchangeKeys the whole body
 */
public record ClientKeyExchange(byte[] exchangeKeys) implements HandshakeMessage {

    /** The ECDHE form (RFC 8422 §5.7) carrying the client's ephemeral public value. */
    public static ClientKeyExchange ecdhe(byte[] ecdhYc) {
        return new ClientKeyExchange(new TlsWriter(1 + ecdhYc.length).opaque8(ecdhYc).toByteArray());
    }

    /**
     * The RSA form (RFC 5246 §7.4.7.1): the EncryptedPreMasterSecret with its two length bytes
     * ("This specification requires correct encoding of the EncryptedPreMasterSecret complete with
     * length bytes").
     */
    public static ClientKeyExchange rsa(byte[] encryptedPreMasterSecret) {
        return new ClientKeyExchange(new TlsWriter(2 + encryptedPreMasterSecret.length)
                .opaque16(encryptedPreMasterSecret).toByteArray());
    }

    /** Reads the body; consumes all of it. An empty body fits neither form (decode_error). */
    public static ClientKeyExchange read(TlsReader body) throws TlsFailure {
        if (!body.hasRemaining()) {
            throw TlsFailure.decodeError("empty client_key_exchange");
        }
        return new ClientKeyExchange(body.bytes(body.remaining(), "exchange_keys"));
    }

    /** The ECDHE public value (RFC 8422 §5.7), non-empty, filling the body; else decode_error. */
    public byte[] ecdhYc() throws TlsFailure {
        TlsReader r = new TlsReader(exchangeKeys);
        byte[] point = r.opaque8("ecdh_Yc");
        if (point.length == 0) {
            throw TlsFailure.decodeError("empty ecdh_Yc");
        }
        r.expectEnd("client_key_exchange");
        return point;
    }

    /** The RSA-encrypted premaster secret (RFC 5246 §7.4.7.1), non-empty, filling the body; else decode_error. */
    public byte[] encryptedPreMasterSecret() throws TlsFailure {
        TlsReader r = new TlsReader(exchangeKeys);
        byte[] encrypted = r.opaque16("encrypted pre_master_secret");
        if (encrypted.length == 0) {
            throw TlsFailure.decodeError("empty encrypted pre_master_secret");
        }
        r.expectEnd("client_key_exchange");
        return encrypted;
    }

    @Override
    public int type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.bytes(exchangeKeys);
    }
}
