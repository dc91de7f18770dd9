package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.NamedGroup;
import org.layer45.iana.SignatureScheme;

/**
 * TLS 1.2 ServerKeyExchange for ECDHE (RFC 8422 §5.4, RFC 5246 §7.4.3):
 * <pre>
 * ServerECDHParams { ECCurveType curve_type = named_curve(3); NamedCurve namedcurve; opaque point&lt;1..2^8-1&gt; }
 * digitally-signed { SignatureAndHashAlgorithm algorithm; opaque signature&lt;0..2^16-1&gt; }
 * </pre>
 * The signature covers client_random ‖ server_random ‖ ServerECDHParams ({@link #signedParams}).
 *
 * @param group     the named curve
 * @param point     the server's ephemeral public value
 * @param scheme    the signature scheme
 * @param signature the signature
 */
public record ServerKeyExchange(NamedGroup group, byte[] point, SignatureScheme scheme, byte[] signature)
        implements HandshakeMessage {
    /** RFC 8422 §5.4: ECCurveType named_curve. */
    public static final int NAMED_CURVE = 3;

    /** Reads the body; consumes all of it. Only named_curve parameters are accepted (RFC 8422 §5.4). */
    public static ServerKeyExchange read(TlsReader body) throws TlsFailure {
        int curveType = body.u8("curve_type");
        if (curveType != NAMED_CURVE) {
            // RFC 8422 §5.4: explicit curves are deprecated; we cannot use them.
            throw TlsFailure.illegalParameter("server key exchange curve_type " + curveType);
        }
        NamedGroup group = NamedGroup.of(body.u16("namedcurve"));
        byte[] point = body.opaque8("point");
        if (point.length == 0) {
            throw TlsFailure.decodeError("empty ecdh point");
        }
        SignatureScheme scheme = SignatureScheme.of(body.u16("signature algorithm"));
        byte[] signature = body.opaque16("signature");
        body.expectEnd("server_key_exchange");
        return new ServerKeyExchange(group, point, scheme, signature);
    }

    /** The signed bytes: client_random ‖ server_random ‖ ServerECDHParams (RFC 8422 §5.4). */
    public static byte[] signedParams(byte[] clientRandom, byte[] serverRandom, NamedGroup group, byte[] point) {
        TlsWriter w = new TlsWriter(64 + 4 + point.length);
        w.bytes(clientRandom).bytes(serverRandom).u8(NAMED_CURVE).u16(group.code()).opaque8(point);
        return w.toByteArray();
    }

    @Override
    public int type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u8(NAMED_CURVE).u16(group.code()).opaque8(point).u16(scheme.code()).opaque16(signature);
    }
}
