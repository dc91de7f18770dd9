package org.layer45.message.extension;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.SignatureScheme;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The body shared by signature_algorithms and signature_algorithms_cert (RFC 8446 §4.2.3):
 * {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}, in preference order.
 *
 * @param schemes the schemes, most preferred first
 */
public record SignatureAlgorithms(List<SignatureScheme> schemes) {

    public SignatureAlgorithms {
        schemes = List.copyOf(schemes);
    }

    /** Decodes the extension data (either extension type). */
    public static SignatureAlgorithms decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        TlsReader list = r.sub16("supported_signature_algorithms");
        r.expectEnd("signature_algorithms extension");
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw TlsFailure.decodeError("bad supported_signature_algorithms length " + list.remaining());
        }
        List<SignatureScheme> schemes = new ArrayList<>();
        while (list.hasRemaining()) {
            schemes.add(SignatureScheme.of(list.u16("signature scheme")));
        }
        return new SignatureAlgorithms(schemes);
    }

    /** A signature_algorithms extension. */
    public Extension toExtension() {
        return toExtension(ExtensionType.SIGNATURE_ALGORITHMS);
    }

    /** An extension of the given type: signature_algorithms or signature_algorithms_cert. */
    public Extension toExtension(int type) {
        TlsWriter w = new TlsWriter();
        w.lengthPrefixed16(l -> {
            for (SignatureScheme s : schemes) {
                l.u16(s.code());
            }
        });
        return new Extension(type, w.toByteArray());
    }
}
