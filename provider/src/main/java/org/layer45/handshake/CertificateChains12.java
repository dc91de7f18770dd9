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
import org.layer45.message.Certificate12;

/** Conversion between X.509 chains and TLS 1.2 Certificate messages (RFC 5246 §7.4.2). */
public final class CertificateChains12 {
    private CertificateChains12() {
    }

    public static Certificate12 message(List<X509Certificate> chain) throws TlsFailure {
        List<byte[]> der = new ArrayList<>();
        for (X509Certificate x : chain) {
            try {
                der.add(x.getEncoded());
            } catch (CertificateEncodingException e) {
                throw TlsFailure.internal("cannot encode our certificate", e);
            }
        }
        return new Certificate12(der);
    }

    /** Parses a peer chain; unparsable → bad_certificate. */
    public static List<X509Certificate> parse(Certificate12 cert) throws TlsFailure {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : cert.certificates()) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | ClassCastException e) {
            throw new TlsFailure(AlertDescription.BAD_CERTIFICATE, Reason.CERTIFICATE_REJECTED,
                    "cannot parse peer certificate", e);
        }
        return chain;
    }
}
