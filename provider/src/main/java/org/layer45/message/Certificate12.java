package org.layer45.message;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * TLS 1.2 Certificate (RFC 5246 §7.4.2): {@code ASN.1Cert certificate_list<0..2^24-1>}, each
 * {@code opaque ASN.1Cert<1..2^24-1>}. An empty list is legal on the wire (a client without a
 * certificate, §7.4.6).
 *
 * @param certificates the DER certificates, leaf first
 */
public record Certificate12(List<byte[]> certificates) implements HandshakeMessage {

    public Certificate12 {
        certificates = List.copyOf(certificates);
    }

    /** Reads the body; consumes all of it. */
    public static Certificate12 read(TlsReader body) throws TlsFailure {
        TlsReader list = body.sub24("certificate_list");
        body.expectEnd("certificate");
        List<byte[]> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] c = list.opaque24("ASN.1Cert");
            if (c.length == 0) {
                throw TlsFailure.decodeError("empty ASN.1Cert");
            }
            certs.add(c);
        }
        return new Certificate12(certs);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.lengthPrefixed24(l -> certificates.forEach(l::opaque24));
    }

    @Override
    public String toString() {
        return "Certificate12[" + certificates.size() + " certificates]";
    }
}
