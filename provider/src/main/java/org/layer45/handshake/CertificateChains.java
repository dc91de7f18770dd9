package org.layer45.handshake;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.message.Certificate13;
import org.layer45.message.extension.Extensions;

/** Conversion between X.509 chains and TLS 1.3 Certificate messages (RFC 8446 §4.4.2). */
public final class CertificateChains {
    private CertificateChains() {
    }

    /** A Certificate message for {@code chain} (empty chain: an empty certificate_list). */
    public static Certificate13 toMessage(byte[] context, List<X509Certificate> chain) throws TlsFailure {
        List<Certificate13.Entry> entries = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                entries.add(new Certificate13.Entry(c.getEncoded(), Extensions.EMPTY));
            } catch (CertificateEncodingException e) {
                throw TlsFailure.internal("cannot encode our certificate", e);
            }
        }
        return new Certificate13(context, entries);
    }

    /**
     * Parses the DER certificates of a Certificate message; unparsable → bad_certificate. The JDK's
     * parser may also throw unchecked exceptions on malformed DER (e.g. ArrayIndexOutOfBounds from a
     * truncated Ed25519 key), which are peer input errors all the same.
     */
    public static List<X509Certificate> parse(Certificate13 message) throws TlsFailure {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Certificate13.Entry e : message.entries()) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(e.certData())));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new TlsFailure(AlertDescription.BAD_CERTIFICATE, Reason.CERTIFICATE_REJECTED,
                    "cannot parse peer certificate", e);
        }
        return chain;
    }
}
