package org.layer45.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.layer45.error.AlertDescription;
import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.iana.HandshakeType;
import org.layer45.message.extension.CertificateStatusRequest;
import org.layer45.message.extension.Extension;

/**
 * Codecs of OCSP stapling (RFC 6066 §8, RFC 8446 §4.4.2.1): the status_request a client sends, and
 * CertificateStatus as a TLS 1.2 handshake message and as a TLS 1.3 CertificateEntry extension body.
 * Round trips, the exact bytes of our request, and decode_error for every prefix, trailing byte,
 * unknown status type or empty response.
 */
class CertificateStatusCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void ourRequestIsOcspWithEmptyLists() throws Exception {
        Extension e = CertificateStatusRequest.ocsp().toExtension();
        assertEquals(ExtensionType.STATUS_REQUEST, e.type());
        // status_type ocsp(1), responder_id_list<0..2^16-1> empty, request_extensions<0..2^16-1> empty.
        assertEquals("0100000000", HEX.formatHex(e.data()));
        CertificateStatusRequest back = CertificateStatusRequest.decode(e.data());
        assertEquals(CertificateStatusRequest.OCSP, back.statusType());
        assertEquals(0, back.responderIdList().length);
        assertEquals(0, back.requestExtensions().length);
    }

    @Test
    void requestRoundTripWithLists() throws Exception {
        CertificateStatusRequest r = new CertificateStatusRequest(CertificateStatusRequest.OCSP,
                new byte[] {0, 2, 4, 0}, new byte[] {0x30, 0});
        byte[] data = r.toExtension().data();
        assertEquals("010004000204000002" + "3000", HEX.formatHex(data));
        CertificateStatusRequest back = CertificateStatusRequest.decode(data);
        assertArrayEquals(r.responderIdList(), back.responderIdList());
        assertArrayEquals(r.requestExtensions(), back.requestExtensions());
        assertArrayEquals(data, back.toExtension().data());
    }

    @Test
    void malformedRequestsAreDecodeErrors() {
        byte[] good = HEX.parseHex("0100000000");
        for (int n = 0; n < good.length; n++) {
            byte[] prefix = Arrays.copyOf(good, n);
            assertDecodeError(() -> CertificateStatusRequest.decode(prefix));
        }
        assertDecodeError(() -> CertificateStatusRequest.decode(HEX.parseHex("010000000000")));
        assertDecodeError(() -> CertificateStatusRequest.decode(HEX.parseHex("0200000000")));
    }

    @Test
    void certificateStatusRoundTrip() throws Exception {
        byte[] response = {0x30, 3, 10, 1, 0};
        CertificateStatus s = new CertificateStatus(CertificateStatus.OCSP, response);
        byte[] encoded = s.encode();
        assertEquals("16000009" + "01000005" + "30030a0100", HEX.formatHex(encoded));
        byte[] body = Arrays.copyOfRange(encoded, 4, encoded.length);
        HandshakeMessage m = HandshakeMessages12.decode12(new RawHandshake(HandshakeType.CERTIFICATE_STATUS, body,
                encoded));
        CertificateStatus back = (CertificateStatus) m;
        assertArrayEquals(response, back.response());
        assertArrayEquals(encoded, back.encode());
        // RFC 8446 §4.4.2.1: the same body is the CertificateEntry's status_request extension data.
        assertArrayEquals(body, s.encodeBody());
        assertArrayEquals(response, CertificateStatus.decodeExtension(body).response());
    }

    @Test
    void malformedCertificateStatusIsDecodeError() {
        byte[] good = HEX.parseHex("0100000530030a0100");
        for (int n = 0; n < good.length; n++) {
            byte[] prefix = Arrays.copyOf(good, n);
            assertDecodeError(() -> CertificateStatus.decodeExtension(prefix));
        }
        assertDecodeError(() -> CertificateStatus.decodeExtension(HEX.parseHex("0100000530030a010000")));
        assertDecodeError(() -> CertificateStatus.decodeExtension(HEX.parseHex("0200000530030a0100")));
        // RFC 6066 §8: OCSPResponse<1..2^24-1>.
        assertDecodeError(() -> CertificateStatus.decodeExtension(HEX.parseHex("01000000")));
    }

    private static void assertDecodeError(org.junit.jupiter.api.function.Executable e) {
        TlsFailure f = assertThrows(TlsFailure.class, e);
        assertEquals(AlertDescription.DECODE_ERROR, f.alert(), f::toString);
    }
}
