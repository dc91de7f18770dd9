package org.layer45.message.extension;

import org.layer45.error.TlsFailure;
import org.layer45.iana.ExtensionType;
import org.layer45.message.TlsReader;
import org.layer45.message.TlsWriter;

/**
 * The status_request body a client sends (RFC 6066 §8): {@code CertificateStatusType status_type;
 * select (status_type) { case ocsp: OCSPStatusRequest; } request} with {@code OCSPStatusRequest =
 * ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions<0..2^16-1>}. Both lists
 * are kept as their encoded bytes: we send them empty ("the responders are implicitly known to the
 * server", RFC 6066 §8). In a ServerHello (TLS 1.2) the extension is empty; in TLS 1.3 the server's
 * answer is a {@link org.layer45.message.CertificateStatus} body in the leaf CertificateEntry.
 *
 * @param statusType        the status type ({@link #OCSP} is the only one defined by RFC 6066)
 * @param responderIdList   the encoded ResponderID list (without its length prefix)
 * @param requestExtensions the DER-encoded OCSP request extensions (without its length prefix)
 */
public record CertificateStatusRequest(int statusType, byte[] responderIdList, byte[] requestExtensions) {
    /** RFC 6066 §8: {@code enum { ocsp(1), (255) } CertificateStatusType}. */
    public static final int OCSP = 1;

    /** The request we send: OCSP, no responder ids, no request extensions. */
    public static CertificateStatusRequest ocsp() {
        return new CertificateStatusRequest(OCSP, new byte[0], new byte[0]);
    }

    /** Decodes the extension data; only the ocsp status type is understood (decode_error otherwise). */
    public static CertificateStatusRequest decode(byte[] data) throws TlsFailure {
        TlsReader r = new TlsReader(data);
        int type = r.u8("status_type");
        if (type != OCSP) {
            throw TlsFailure.decodeError("unsupported certificate status type " + type);
        }
        byte[] responders = r.opaque16("responder_id_list");
        byte[] extensions = r.opaque16("request_extensions");
        r.expectEnd("status_request extension");
        return new CertificateStatusRequest(type, responders, extensions);
    }

    /** The status_request extension. */
    public Extension toExtension() {
        TlsWriter w = new TlsWriter(5 + responderIdList.length + requestExtensions.length);
        w.u8(statusType).opaque16(responderIdList).opaque16(requestExtensions);
        return new Extension(ExtensionType.STATUS_REQUEST, w.toByteArray());
    }
}
