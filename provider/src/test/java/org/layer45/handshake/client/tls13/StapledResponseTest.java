package org.layer45.handshake.client.tls13;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.Reason;
import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.Certificate13;
import org.layer45.message.CertificateStatus;
import org.layer45.message.extension.CertificateStatusRequest;
import org.layer45.message.extension.Extension;
import org.layer45.message.extension.Extensions;

/**
 * The client's reading of a TLS 1.3 server Certificate's per-entry extensions (RFC 8446 §4.4.2,
 * §4.4.2.1): the leaf's status_request is a CertificateStatus whose OCSP response is kept; one we did
 * not ask for is unsupported_extension; a malformed one is decode_error.
 */
class StapledResponseTest {
    private static final byte[] RESPONSE = {0x30, 3, 10, 1, 0};
    private static final Extensions ASKED = Extensions.of(CertificateStatusRequest.ocsp().toExtension());

    private static Certificate13 certificate(Extensions leaf, Extensions intermediate) {
        return new Certificate13(new byte[0], List.of(new Certificate13.Entry(new byte[] {1}, leaf),
                new Certificate13.Entry(new byte[] {2}, intermediate)));
    }

    private static Extensions status(byte[] data) {
        return Extensions.of(new Extension(ExtensionType.STATUS_REQUEST, data));
    }

    @Test
    void leafResponseIsKept() throws Exception {
        byte[] body = new CertificateStatus(CertificateStatus.OCSP, RESPONSE).encodeBody();
        assertArrayEquals(RESPONSE, ExpectCertificate.stapledResponse(certificate(status(body), Extensions.EMPTY),
                ASKED));
        // RFC 8446 §4.4.2.1 allows responses for other certificates too: checked, not kept.
        assertEquals(0, ExpectCertificate.stapledResponse(certificate(Extensions.EMPTY, status(body)), ASKED).length);
        assertEquals(0, ExpectCertificate.stapledResponse(certificate(Extensions.EMPTY, Extensions.EMPTY),
                Extensions.EMPTY).length);
    }

    @Test
    void unrequestedStatusIsUnsupportedExtension() {
        byte[] body = new CertificateStatus(CertificateStatus.OCSP, RESPONSE).encodeBody();
        for (Certificate13 c : List.of(certificate(status(body), Extensions.EMPTY),
                certificate(Extensions.EMPTY, status(body)))) {
            TlsFailure f = assertThrows(TlsFailure.class, () -> ExpectCertificate.stapledResponse(c,
                    Extensions.EMPTY));
            assertEquals(AlertDescription.UNSUPPORTED_EXTENSION, f.alert());
            assertEquals(Reason.UNSOLICITED_EXTENSION, f.reason());
        }
    }

    @Test
    void malformedStatusIsDecodeError() {
        for (String hex : List.of("", "01", "01000000", "0100000530", "0200000530030a0100", "0100000530030a010000")) {
            byte[] data = java.util.HexFormat.of().parseHex(hex);
            TlsFailure f = assertThrows(TlsFailure.class, () -> ExpectCertificate.stapledResponse(
                    certificate(status(data), Extensions.EMPTY), ASKED));
            assertEquals(AlertDescription.DECODE_ERROR, f.alert(), hex);
        }
    }
}
