package org.layer45.handshake.server.tls13;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.layer45.error.TlsFailure;
import org.layer45.iana.CipherSuite;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The session state a server seals into a stateless ticket (RFC 8446 §4.6.1): what it needs to
 * resume: suite, PSK, issue time, age obfuscation, lifetime, ALPN, SNI and the client's chain.
 */
record ResumptionState(CipherSuite suite, byte[] psk, long issuedMillis, long ticketAgeAdd, long lifetimeSeconds,
        String alpn, String serverName, List<X509Certificate> clientChain) {

    private static final int FORMAT = 1;

    byte[] encode() throws TlsFailure {
        TlsWriter w = new TlsWriter(256);
        w.u8(FORMAT).u16(suite.code()).opaque8(psk).u32(issuedMillis >>> 32).u32(issuedMillis & 0xFFFFFFFFL)
                .u32(ticketAgeAdd).u32(lifetimeSeconds).opaque8(utf8(alpn)).opaque16(utf8(serverName));
        List<byte[]> certs = new ArrayList<>();
        for (X509Certificate c : clientChain) {
            try {
                certs.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw TlsFailure.internal("cannot encode client certificate", e);
            }
        }
        w.lengthPrefixed24(body -> certs.forEach(body::opaque24));
        return w.toByteArray();
    }

    /** Decodes a state we sealed ourselves; null if it is not in our format. */
    static ResumptionState decode(byte[] data) {
        try {
            TlsReader r = new TlsReader(data);
            if (r.u8("format") != FORMAT) {
                return null;
            }
            CipherSuite suite = CipherSuite.of(r.u16("suite"));
            byte[] psk = r.opaque8("psk");
            long issued = (r.u32("issued") << 32) | r.u32("issued");
            long ageAdd = r.u32("age add");
            long lifetime = r.u32("lifetime");
            String alpn = string(r.opaque8("alpn"));
            String sni = string(r.opaque16("sni"));
            TlsReader certs = r.sub24("certificates");
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (certs.hasRemaining()) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(certs.opaque24("cert"))));
            }
            r.expectEnd("resumption state");
            return suite.aead() == null ? null : new ResumptionState(suite, psk, issued, ageAdd, lifetime, alpn, sni,
                    chain);
        } catch (TlsFailure | CertificateException e) {
            // Authenticated by our own key, so this only happens across incompatible versions: no resumption.
            return null;
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }
}
