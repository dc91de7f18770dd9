package org.layer45.message;

import org.layer45.error.TlsFailure;
import org.layer45.iana.HandshakeType;

/**
 * CertificateStatus (RFC 6066 §8): {@code CertificateStatusType status_type; select (status_type)
 * { case ocsp: OCSPResponse; } response} with {@code opaque OCSPResponse<1..2^24-1>}, the DER OCSP
 * response for the server's certificate. In TLS 1.2 it is a handshake message of its own, sent after
 * Certificate; in TLS 1.3 the same body is the data of the status_request extension of the leaf
 * CertificateEntry (RFC 8446 §4.4.2.1). The response is kept as received, not validated.
 *
 * @param statusType the status type (only {@link #OCSP} is accepted when reading)
 * @param response   the DER-encoded OCSPResponse
 */
public record CertificateStatus(int statusType, byte[] response) implements HandshakeMessage {
    /** RFC 6066 §8: {@code ocsp(1)}. */
    public static final int OCSP = 1;

    /** Reads the body; consumes all of it. */
    public static CertificateStatus read(TlsReader body) throws TlsFailure {
        int type = body.u8("status_type");
        if (type != OCSP) {
            throw TlsFailure.decodeError("unsupported certificate status type " + type);
        }
        byte[] response = body.opaque24("ocsp_response");
        if (response.length == 0) {
            throw TlsFailure.decodeError("empty ocsp_response"); // RFC 6066 §8: OCSPResponse<1..2^24-1>
        }
        body.expectEnd("certificate_status");
        return new CertificateStatus(type, response);
    }

    /** Decodes the data of a TLS 1.3 CertificateEntry's status_request extension (RFC 8446 §4.4.2.1). */
    public static CertificateStatus decodeExtension(byte[] data) throws TlsFailure {
        return read(new TlsReader(data));
    }

    /** The body as the data of a TLS 1.3 CertificateEntry's status_request extension. */
    public byte[] encodeBody() {
        TlsWriter w = new TlsWriter(4 + response.length);
        writeBody(w);
        return w.toByteArray();
    }

    @Override
    public int type() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.u8(statusType).opaque24(response);
    }

    @Override
    public String toString() {
        return "CertificateStatus[" + response.length + " bytes]";
    }
}
