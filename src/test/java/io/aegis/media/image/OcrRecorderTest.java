package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OcrRecorderTest {

    @Test
    void tesseractOutputIsTidiedAndCapped() {
        String raw = "INVOICE   \n\n\n\nTOTAL 4217\n\f";

        assertThat(OcrRecorder.tidy(raw, 1000)).isEqualTo("INVOICE\n\nTOTAL 4217");
        assertThat(OcrRecorder.tidy(raw, 7)).isEqualTo("INVOICE");
        assertThat(OcrRecorder.tidy(" \n\f", 1000)).isEmpty();
    }
}
