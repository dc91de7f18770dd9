/**
 * TLS 1.2 client handshake states (RFC 5246 §7.3, RFC 8422, RFC 5077 §3.1, RFC 6066 §8),
 * one type per state behind the sealed {@link org.layer45.handshake.client.tls12.Client12State}. Entered either from a
 * TLS 1.2-only ClientHello ({@link org.layer45.handshake.client.tls12.ClientHandshake12#start}) or when
 * a server answers our TLS 1.3 + 1.2 ClientHello with a TLS 1.2 ServerHello (the connection's one
 * branch point). A received ChangeCipherSpec reaches the states as a pseudo-message.
 *
 * <pre>
 *   start: send ClientHello (or: TLS 1.3 ExpectServerHello sees a TLS 1.2 ServerHello)
 *                                  |
 *                         ExpectServerHello12
 *                                  |  ServerHello: version, DOWNGRD sentinel (if 1.3 offered), suite,
 *                                  |  EMS + empty renegotiation_info required, ec_point_formats
 *        +-- session id echoed ----+
 *        |   (abbreviated)         v
 *        |              ExpectServerCertificate12
 *        |                         |  Certificate (verified, key fits the suite)
 *        |                         |
 *        |                         +-- ServerHello had status_request (RFC 6066 §8) --+
 *        |                         |                                                 v
 *        |                         |                            ExpectCertificateStatus
 *        |                         |   [CertificateStatus: keep the OCSP response];    |
 *        |                         |   any other message goes on to the next state     |
 *        |                         +&lt;------------------------------------------------+
 *        |                         |
 *        |                         +-- TLS_RSA_* suite: RSA key allowing keyEncipherment; ----+
 *        |                         |   premaster made and encrypted (RFC 5246 §7.4.7.1);      |
 *        |                         v   no ServerKeyExchange (§7.4.3)                          |
 *        |              ExpectServerKeyExchange                                               |
 *        |                         |  ServerKeyExchange (group and scheme offered,            |
 *        |                         |  signature valid)                                        |
 *        |                         v                                                          |
 *        |              ExpectCertificateRequestOrDone &lt;-----------------------------------+
 *        |                         |
 *        |                         +--- CertificateRequest ---> ExpectServerHelloDone
 *        |                         |  ServerHelloDone                   | ServerHelloDone
 *        |                         +&lt;-----------------------------------+
 *        |                         |  send [Certificate] ClientKeyExchange (ECDHE public value or
 *        |                         |  encrypted premaster) [CertificateVerify]
 *        |                         |  CCS Finished (extended master secret, RFC 7627)
 *        v                         v
 *   ExpectServerChangeCipherSpec --- NewSessionTicket (once, if promised) ---+
 *        |  ChangeCipherSpec: install server read protection  &lt;--------------+
 *        v
 *   ExpectServerFinished12
 *        |  Finished (constant-time); abbreviated: send CCS Finished; store the session
 *        v
 *   ClientTraffic12 --- HelloRequest: no_renegotiation warning (RFC 5746 §4.2) ---+
 *        ^                                                                        |
 *        +------------------------------------------------------------------------+
 * </pre>
 */
package org.layer45.handshake.client.tls12;
