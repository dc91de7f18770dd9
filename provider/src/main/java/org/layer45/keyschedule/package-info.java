/**
 * The TLS 1.3 key schedule (RFC 8446 §7) as typestate:
 *
 * <pre>
 *   EarlySecret ──handshakeSecret(ecdhe)──▶ HandshakeSecret ──masterSecret()──▶ MasterSecret
 *     │ binderKey, c e traffic, e exp master   │ c/s hs traffic                  │ c/s ap traffic, exp master, res master
 *     ▼                                        ▼                                 ▼
 *   TrafficSecret (keys/iv §7.3, finished key §4.4.4, next() §7.2)     Exporter (§7.5)
 * </pre>
 *
 * Each stage holds only its own secret, so an application key cannot be derived from an early secret.
 */
package org.layer45.keyschedule;
