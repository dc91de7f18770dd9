package org.layer45.keyschedule;

/**
 * The record protection key and IV of one traffic secret (RFC 8446 §7.3):
 * [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length),
 * [sender]_write_iv = HKDF-Expand-Label(Secret, "iv", "", iv_length).
 *
 * @param key the AEAD key
 * @param iv  the 12-byte static IV, XORed with the sequence number per record (§5.3)
 */
public record TrafficKeys(byte[] key, byte[] iv) {
}
