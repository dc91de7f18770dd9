package org.layer45.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** RFC 5869 Appendix A test cases 1–3 (SHA-256), the hash and the transcript hash. */
class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();
    private final Hkdf h = DefaultCryptoBackend.create().hkdf("SHA-256");

    private void check(String ikm, String salt, String info, int l, String prk, String okm) {
        byte[] p = h.extract(HEX.parseHex(salt), HEX.parseHex(ikm));
        assertEquals(prk, HEX.formatHex(p));
        assertEquals(okm, HEX.formatHex(h.expand(p, HEX.parseHex(info), l)));
    }

    @Test
    void rfc5869Case1() {
        check("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void rfc5869Case2() {
        String ikm = range(0x00, 80);
        String salt = range(0x60, 80);
        String info = range(0xb0, 80);
        check(ikm, salt, info, 82, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                        + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void rfc5869Case3() {
        check("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
                "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void nullSaltIsZeros() {
        byte[] ikm = HEX.parseHex("0b0b0b0b");
        assertArrayEquals(h.extract(new byte[32], ikm), h.extract(null, ikm));
    }

    @Test
    void transcriptHashSnapshotsAndCopies() {
        TranscriptHash t = h.newTranscriptHash();
        t.update("abc".getBytes());
        // FIPS 180-2 SHA-256("abc")
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, HEX.formatHex(t.current()));
        TranscriptHash c = t.copy();
        t.update("d".getBytes());
        assertEquals(abc, HEX.formatHex(c.current()));
        assertArrayEquals(h.digest("abcd".getBytes()), t.current());
        assertEquals(32, t.length());
        assertEquals(48, DefaultCryptoBackend.create().hkdf("SHA-384").newTranscriptHash().length());
    }

    private static String range(int start, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", (start + i) & 0xFF));
        }
        return sb.toString();
    }
}
