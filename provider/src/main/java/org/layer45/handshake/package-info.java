/**
 * Shared TLS handshake machinery: {@link org.layer45.handshake.Transcript}, the message-type guard
 * ({@link org.layer45.handshake.HandshakeInput#require}), negotiation, CertificateVerify and Finished
 * helpers, and the policy / callback types a connection's Config provides
 * ({@link org.layer45.handshake.HandshakeSettings}).
 */
package org.layer45.handshake;
