package org.layer45.message;

import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.Extensions;

/**
 * TLS 1.3 Certificate (RFC 8446 §4.4.2): {@code opaque certificate_request_context<0..2^8-1>;
 * CertificateEntry certificate_list<0..2^24-1>}. Only the X.509 certificate type is supported, so
 * each entry is {@code opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>}. An empty list
 * is legal on the wire (a client without a certificate); the handshake decides what it means.
 *
 * @param certificateRequestContext the context from the CertificateRequest (empty for a server)
 * @param entries the chain, end-entity first
 */
public record Certificate13(byte[] certificateRequestContext, List<Entry> entries) implements HandshakeMessage {

    /**
     * One CertificateEntry (RFC 8446 §4.4.2).
     *
     * @param certData the DER-encoded X.509 certificate
     * @param extensions per-certificate extensions (status_request, signed_certificate_timestamp)
     */
    public record Entry(byte[] certData, Extensions extensions) {
        /** An entry without extensions. */
        public Entry(byte[] certData) {
            this(certData, Extensions.EMPTY);
        }
    }

    public Certificate13 {
        entries = List.copyOf(entries);
    }

    /** Reads the body; consumes all of it. */
    public static Certificate13 read(TlsReader body) throws TlsFailure {
        byte[] context = body.opaque8("certificate_request_context");
        TlsReader list = body.sub24("certificate_list");
        body.expectEnd("certificate");
        List<Entry> entries = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] certData = list.opaque24("cert_data");
            if (certData.length == 0) {
                throw TlsFailure.decodeError("empty cert_data");
            }
            entries.add(new Entry(certData, Extensions.read(list)));
        }
        return new Certificate13(context, entries);
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.opaque8(certificateRequestContext);
        w.lengthPrefixed24(l -> {
            for (Entry e : entries) {
                l.opaque24(e.certData());
                e.extensions().write(l);
            }
        });
    }

    @Override
    public String toString() {
        return "Certificate13[" + entries.size() + " entries]";
    }
}
