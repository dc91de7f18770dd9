package org.layer45.handshake.server.tls12;

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
 * The TLS 1.2 session state a server keeps in its session cache or seals into a ticket (RFC 5077
 * §4): suite, extended master secret, issue time, ALPN, SNI and the client's chain. Only sessions
 * with an extended master secret exist (RFC 7627 §5.3), so the format has no flag for it.
 */
record ServerSession12(CipherSuite suite, byte[] masterSecret, long issuedMillis, String alpn, String serverName,
        List<X509Certificate> clientChain) {

    /** Distinct from the TLS 1.3 ticket format (1), so neither version accepts the other's tickets. */
    private static final int FORMAT = 12;

    byte[] encode() throws TlsFailure {
        TlsWriter w = new TlsWriter(256);
        w.u8(FORMAT).u16(suite.code()).opaque8(masterSecret).u32(issuedMillis >>> 32).u32(issuedMillis & 0xFFFFFFFFL)
                .opaque8(utf8(alpn)).opaque16(utf8(serverName));
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

    /** Decodes a state we made ourselves; null if it is not in our format (then: a full handshake). */
    static ServerSession12 decode(byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            TlsReader r = new TlsReader(data);
            if (r.u8("format") != FORMAT) {
                return null;
            }
            CipherSuite suite = CipherSuite.of(r.u16("suite"));
            byte[] master = r.opaque8("master secret");
            long issued = (r.u32("issued") << 32) | r.u32("issued");
            String alpn = string(r.opaque8("alpn"));
            String sni = string(r.opaque16("sni"));
            TlsReader certs = r.sub24("certificates");
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (certs.hasRemaining()) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(certs.opaque24("cert"))));
            }
            r.expectEnd("tls 1.2 session state");
            return suite.aead() == null ? null : new ServerSession12(suite, master, issued, alpn, sni, chain);
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
