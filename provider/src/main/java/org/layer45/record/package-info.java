/**
 * The TLS record layer (RFC 8446 §5): {@link org.layer45.record.RecordReader} frames received
 * bytes, {@link org.layer45.record.RecordProtection} seals and opens one record per call for one
 * direction, {@link org.layer45.record.RecordLimits} holds the sizes. Sans-I/O, no allocation per
 * record in the protection's own state.
 */
package org.layer45.record;
