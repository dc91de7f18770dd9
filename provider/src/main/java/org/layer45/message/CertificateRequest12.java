package org.layer45.message;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.iana.SignatureScheme;

/**
 * TLS 1.2 CertificateRequest (RFC 5246 §7.4.4):
 * <pre>
 * ClientCertificateType certificate_types&lt;1..2^8-1&gt;;
 * SignatureAndHashAlgorithm supported_signature_algorithms&lt;2..2^16-2&gt;;
 * DistinguishedName certificate_authorities&lt;0..2^16-1&gt;;  (each opaque&lt;1..2^16-1&gt;)
 * </pre>
 *
 * @param certificateTypes       e.g. rsa_sign(1), ecdsa_sign(64)
 * @param signatureSchemes       acceptable signature schemes
 * @param certificateAuthorities DER distinguished names (may be empty)
 */
public record CertificateRequest12(byte[] certificateTypes, List<SignatureScheme> signatureSchemes,
        List<byte[]> certificateAuthorities) implements HandshakeMessage {
    /** RFC 5246 §7.4.4 rsa_sign. */
    public static final int RSA_SIGN = 1;
    /** RFC 8422 §5.5 ecdsa_sign. */
    public static final int ECDSA_SIGN = 64;

    public CertificateRequest12 {
        signatureSchemes = List.copyOf(signatureSchemes);
        certificateAuthorities = List.copyOf(certificateAuthorities);
    }

    /** Reads the body; consumes all of it. */
    public static CertificateRequest12 read(TlsReader body) throws TlsFailure {
        byte[] types = body.opaque8("certificate_types");
        if (types.length == 0) {
            throw TlsFailure.decodeError("empty certificate_types");
        }
        TlsReader sigs = body.sub16("supported_signature_algorithms");
        if (!sigs.hasRemaining() || sigs.remaining() % 2 != 0) {
            throw TlsFailure.decodeError("bad supported_signature_algorithms length " + sigs.remaining());
        }
        List<SignatureScheme> schemes = new ArrayList<>();
        while (sigs.hasRemaining()) {
            schemes.add(SignatureScheme.of(sigs.u16("signature algorithm")));
        }
        TlsReader cas = body.sub16("certificate_authorities");
        body.expectEnd("certificate_request");
        List<byte[]> names = new ArrayList<>();
        while (cas.hasRemaining()) {
            byte[] dn = cas.opaque16("distinguished name");
            if (dn.length == 0) {
                throw TlsFailure.decodeError("empty distinguished name");
            }
            names.add(dn);
        }
        return new CertificateRequest12(types, schemes, names);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(certificateTypes);
        w.lengthPrefixed16(l -> signatureSchemes.forEach(s -> l.u16(s.code())));
        w.lengthPrefixed16(l -> certificateAuthorities.forEach(l::opaque16));
    }
}
