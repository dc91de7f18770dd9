package org.layer45.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layer45.error.TlsFailure;
import org.layer45.iana.AeadAlgorithm;
import org.layer45.iana.ContentType;

/** The benchmark measures real work: each operation produces a valid record that opens again. */
class RecordProtectionBenchmarkTest {
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sealThenOpenRoundTripsAFullRecord(AeadAlgorithm aead) throws TlsFailure {
        RecordProtectionBenchmark bench = new RecordProtectionBenchmark();
        bench.aead = aead;
        bench.size = 16384;
        bench.setUp();
        for (int i = 0; i < 3; i++) {
            // Returns content type + plaintext length; sequence numbers advance in step each time.
            assertEquals(ContentType.APPLICATION_DATA + 16384, bench.sealThenOpen());
        }
        assertEquals(5 + 16384 + 1 + 16, bench.seal());
    }
}
