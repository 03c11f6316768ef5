package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThumbnailMakerTest {

    @Test
    void sizesFromTheRouteAreParsedSortedAndDeduplicated() {
        assertThat(ThumbnailMaker.sizes(" 1024, 256,256 ,")).containsExactly(256, 1024);
    }

    @Test
    void anEditThatBreaksTheSizesFailsLoudly() {
        assertThatThrownBy(() -> ThumbnailMaker.sizes("0,256")).hasMessageContaining("outside");
        assertThatThrownBy(() -> ThumbnailMaker.sizes("50000")).hasMessageContaining("outside");
        assertThatThrownBy(() -> ThumbnailMaker.sizes(" ")).hasMessageContaining("no thumbnail sizes");
        assertThatThrownBy(() -> ThumbnailMaker.sizes("big")).isInstanceOf(NumberFormatException.class);
    }
}
