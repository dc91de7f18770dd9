/**
 * TLS 1.2 server handshake states (RFC 5246 §7.3, RFC 8422, RFC 5077 §3.1), one type per state
 * behind the sealed {@link org.layer45.handshake.server.tls12.Server12State}. Entered when the
 * connection's version choice ({@link org.layer45.handshake.VersionNegotiation}) picks TLS 1.2 for a
 * ClientHello. A received ChangeCipherSpec reaches the states as a pseudo-message.
 *
 * <pre>
 *   ClientHello (TLS 1.2 chosen; TLS_FALLBACK_SCSV checked; EMS + secure renegotiation required)
 *        |
 *        +-- valid ticket or cached session id (Resumption12):
 *        |     send ServerHello CCS Finished ----------------------------------+
 *        |                                                                     |
 *        |  send ServerHello Certificate ServerKeyExchange [CertificateRequest] ServerHelloDone
 *        |  (DOWNGRD\x01 in the random when TLS 1.3 is enabled too; no         |
 *        |  ServerKeyExchange for a TLS_RSA_* suite, RFC 5246 §7.4.3)          |
 *        +---- CertificateRequest sent ----> ExpectClientCertificate12         |
 *        |                                          |  Certificate (empty: handshake_failure if required)
 *        v                                          v                          |
 *   ExpectClientKeyExchange &lt;------------------------+                          |
 *        |  ClientKeyExchange: ECDHE, or RSA decryption with implicit          |
 *        |  rejection (§7.4.7.1: bad padding, length or client_version →       |
 *        |  random premaster, no alert); extended master secret, key block     |
 *        +---- client certificate ----> ExpectClientCertificateVerify12        |
 *        |                                          |  CertificateVerify       |
 *        v                                          v                          |
 *   ExpectClientChangeCipherSpec &lt;-------------------+ &lt;-----------------------+
 *        |  ChangeCipherSpec: install client read protection
 *        v
 *   ExpectClientFinished12
 *        |  Finished (constant-time); full handshake: send [NewSessionTicket] CCS Finished,
 *        |  cache the session under its id
 *        v
 *   ServerTraffic12 --- ClientHello: no_renegotiation warning (RFC 5746 §4.4) ---+
 *        ^                                                                       |
 *        +-----------------------------------------------------------------------+
 * </pre>
 */
package org.layer45.handshake.server.tls12;
