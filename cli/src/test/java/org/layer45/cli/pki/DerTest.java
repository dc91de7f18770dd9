package org.layer45.cli.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    @ParameterizedTest
    @CsvSource({
        "1.2.840.10045.4.3.2, 06082a8648ce3d040302", // ecdsa-with-SHA256 (RFC 5758)
        "2.5.29.17, 0603551d11", // subjectAltName
        "1.3.6.1.5.5.7.3.1, 06082b06010505070301", // id-kp-serverAuth
        "2.999.3, 0603883703", // X.690 §8.19.5 example: first subidentifier 1079
    })
    void objectIdentifiers(String dotted, String expected) {
        assertEquals(expected, hex(Der.oid(dotted)));
        byte[] tlv = Der.oid(dotted);
        assertEquals(dotted, DerReader.oid(new DerReader(tlv).next().content()));
    }

    @ParameterizedTest
    @CsvSource({"0, 020100", "127, 02017f", "128, 02020080", "256, 02020100", "-1, 0201ff", "-129, 0202ff7f"})
    void integersAreMinimalTwosComplement(long value, String expected) {
        assertEquals(expected, hex(Der.integer(value)));
    }

    @ParameterizedTest
    @CsvSource({"0, 0400", "127, 047f", "128, 048180", "255, 0481ff", "256, 04820100", "65536, 0483010000"})
    void lengthsUseTheShortestForm(int length, String expectedHeader) {
        byte[] tlv = Der.octetString(new byte[length]);
        assertEquals(expectedHeader, hex(java.util.Arrays.copyOf(tlv, expectedHeader.length() / 2)));
        assertEquals(length, new DerReader(tlv).next().content().length);
    }

    @Test
    void namedBitStringsDropTrailingZeroBits() {
        assertEquals("03020780", hex(Der.namedBits(0))); // digitalSignature
        assertEquals("03020106", hex(Der.namedBits(5, 6))); // keyCertSign, cRLSign
        assertEquals("0303078080", hex(Der.namedBits(0, 8))); // digitalSignature, decipherOnly
        assertEquals("030100", hex(Der.namedBits()));
    }

    @Test
    void booleansAndNull() {
        assertEquals("0101ff", hex(Der.bool(true)));
        assertEquals("010100", hex(Der.bool(false)));
        assertEquals("0500", hex(Der.nul()));
    }

    @Test
    void timesSwitchFromUtcTimeToGeneralizedTimeIn2050() {
        assertEquals("170d3439313233313233353935395a",
                hex(Der.time(ZonedDateTime.of(2049, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC))));
        assertEquals("180f32303530303130313030303030305a",
                hex(Der.time(ZonedDateTime.of(2050, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))));
        // converted to UTC first: 01:00 at +01:00 is midnight UTC
        assertEquals("170d3236303130313030303030305a",
                hex(Der.time(ZonedDateTime.of(2026, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1)))));
    }

    @Test
    void aNameEncodedHereParsesInTheJdk() {
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.6"), Der.tlv(0x13, "DE".getBytes()))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8("Grüße"))));
        assertEquals("CN=Grüße,C=DE", new X500Principal(name).getName());
        assertArrayEquals(name, new X500Principal("CN=Grüße,C=DE").getEncoded());
    }

    @Test
    void ia5RefusesNonAscii() {
        assertThrows(IllegalArgumentException.class, () -> Der.ia5("bücher.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "3005020100", "3080", "308a0000000000", "1f0100"})
    void readerRejectsMalformedInput(String input) {
        assertThrows(IllegalArgumentException.class, () -> new DerReader(HEX.parseHex(input)).next());
    }

    @Test
    void readerWalksNestedValues() {
        byte[] der = Der.sequence(Der.integer(new BigInteger("123456789012345678901234567890")), Der.nul());
        DerReader seq = new DerReader(der).next(0x30, "outer").children();
        assertEquals(new BigInteger("123456789012345678901234567890"), new BigInteger(seq.next(0x02, "int").content()));
        assertEquals(0x05, seq.next().tag());
        assertEquals(false, seq.hasNext());
    }
}
