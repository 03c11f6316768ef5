package io.aegis.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the two places client bytes and names meet the pipeline first. Under `mvn verify` they
 * replay their saved inputs (src/test/resources/io/aegis/orchestrate/UntrustedInputFuzzTestInputs/);
 * `make fuzz` runs Jazzer on them for real, and any crash it finds becomes a saved input.
 */
class UntrustedInputFuzzTest {

    private static final MimeSniffer SNIFFER = new MimeSniffer();

    /** Whatever the bytes, the sniffer answers a type (falling back to octet-stream) and never throws. */
    @FuzzTest(maxDuration = "30s")
    void theSnifferAnswersATypeForAnyBytes(byte[] head) {
        String type = SNIFFER.detect(head);

        assertThat(type).matches("[a-z0-9.+-]+/[a-zA-Z0-9.+-]+");
    }

    /** Whatever the name, the result is one visible key segment: no path, no control character, no dot file. */
    @FuzzTest(maxDuration = "30s")
    void anyClientNameBecomesOneSafeKeySegment(FuzzedDataProvider data) {
        String safe = SafeFileName.of(data.consumeRemainingAsString());

        assertThat(safe).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}|file");
    }
}
