/**
 * TLS 1.3 client handshake states (RFC 8446 §2, Appendix A.1), one type per state behind the
 * sealed {@link org.layer45.handshake.client.tls13.ClientState}.
 *
 * <pre>
 *                       start: send ClientHello
 *                                  |
 *        +------------------ ExpectServerHello &lt;----+
 *        |                         |                |  HelloRetryRequest (once):
 *        |                         |                |  [CCS] send ClientHello2
 *        |        ServerHello      +----------------+
 *        |        (install server handshake read keys)
 *        v
 *  ExpectEncryptedExtensions
 *        |  EncryptedExtensions
 *        +--- PSK accepted -----------------------------------------+
 *        v                                                          |
 *  ExpectCertificateOrCertificateRequest                            |
 *        |  CertificateRequest           | Certificate               |
 *        v                               |                           |
 *  ExpectCertificate ---- Certificate ---+                           |
 *                                        |  (leaf status_request:    |
 *                                        |  OCSP response kept,      |
 *                                        v  RFC 8446 §4.4.2.1)       |
 *                              ExpectCertificateVerify               |
 *                                        |  CertificateVerify        |
 *                                        v                           |
 *                                  ExpectFinished &lt;-----------------+
 *                                        |  Finished: install server app read keys,
 *                                        |  [CCS] [Certificate, CertificateVerify] Finished,
 *                                        |  install client app write keys
 *                                        v
 *                                  ClientTraffic --- NewSessionTicket / KeyUpdate --+
 *                                        ^                                          |
 *                                        +------------------------------------------+
 * </pre>
 */
package org.layer45.handshake.client.tls13;
