package org.layer45.handshake;

/** Whether a server asks the client for a certificate (RFC 8446 §4.3.2). */
public enum ClientAuth {
    /** No CertificateRequest is sent. */
    NONE,
    /** A CertificateRequest is sent; an empty client Certificate is accepted. */
    OPTIONAL,
    /** A CertificateRequest is sent; an empty client Certificate fails with certificate_required. */
    REQUIRED
}
