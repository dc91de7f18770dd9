/**
 * TLS 1.3 server handshake states (RFC 8446 §2, Appendix A.2), one type per state behind the
 * sealed {@link org.layer45.handshake.server.tls13.ServerState}.
 *
 * <pre>
 *                         ExpectClientHello
 *                           |            |  no acceptable key share:
 *                           |            |  send HelloRetryRequest [CCS]
 *                           |            v
 *                           |   ExpectSecondClientHello
 *                           |            |
 *                           +-----+------+   ClientHello: send ServerHello [CCS]
 *                                 |          EncryptedExtensions [CertificateRequest]
 *                                 |          [Certificate CertificateVerify] Finished;
 *                                 |          install server app write keys
 *            client auth requested|   otherwise (incl. PSK)
 *                   +-------------+-------------+
 *                   v                           |
 *          ExpectClientCertificate              |
 *            |  non-empty      | empty          |
 *            v                 | (OPTIONAL)     |
 *   ExpectClientCertificateVerify               |
 *            |                 |                |
 *            +-------+---------+----------------+
 *                    v
 *           ExpectClientFinished
 *                    |  Finished: install client app read keys, send NewSessionTickets
 *                    v
 *              ServerTraffic --- KeyUpdate --+
 *                    ^                       |
 *                    +-----------------------+
 * </pre>
 */
package org.layer45.handshake.server.tls13;
