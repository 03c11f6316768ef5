package io.aegis.ai.image;

import io.aegis.testmedia.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.state.Insights;
import org.junit.jupiter.api.Test;

class OfflineImageDescriberTest {

    private final OfflineImageDescriber describer = new OfflineImageDescriber();


    @Test
    void aPhotoIsDescribedFromItsRealDimensionsCameraDateAndColours() {
        ImageEvidence evidence = new ImageEvidence(1200, 800, "JPEG image", "Aegis Optics", "Fixture One",
                "2024-05-01T10:15:00", null, TestImages.blueWithWhiteBand(256, 171), "image/jpeg");

        ImageAnalysis analysis = describer.describe(evidence);

        assertThat(analysis.description())
                .startsWith("A 1200 × 800 pixel landscape JPEG image.")
                .contains("Camera: Aegis Optics Fixture One.")
                .contains("Taken 2024-05-01 10:15:00.")
                .contains("blue (7").contains("white (2")
                .doesNotContain("Contains text");
        assertThat(analysis.tags()).containsExactly("blue", "white", "photo", "aegis optics");
        assertThat(analysis.source()).isEqualTo(new Insights.Source("offline", OfflineImageDescriber.MODEL_NAME));
    }

    @Test
    void nsfwAndObjectsAreUnavailableWithTheReasonNeverAScore() {
        ImageAnalysis analysis = describer.describe(new ImageEvidence(256, 256, "PNG image", null, null, null, null,
                TestImages.blueWithWhiteBand(64, 64), "image/png"));

        assertThat(analysis.nsfwScore()).isNull();
        assertThat(analysis.unavailable()).containsEntry("nsfw", "the offline provider cannot judge image content");
        assertThat(analysis.unavailable().get("objects")).contains("cannot recognise objects");
        // No camera in EXIF, a few flat colours: a graphic, and nothing claims it is a photo.
        assertThat(analysis.tags()).contains("graphic").doesNotContain("photo");
        assertThat(analysis.description()).startsWith("A 256 × 256 pixel square PNG image.").contains("Flat colours: blue");
    }

    @Test
    void textReadByOcrIsQuotedAndItsKeywordsBecomeTags() {
        ImageAnalysis analysis = describer.describe(new ImageEvidence(1000, 200, "PNG image", null, null, null,
                "INVOICE TOTAL\n4217 EUROS\n\nInvoice due", TestImages.blueWithWhiteBand(256, 51), "image/png"));

        assertThat(analysis.description()).contains("Contains text: “INVOICE TOTAL 4217 EUROS Invoice due”.");
        assertThat(analysis.tags()).contains("text", "invoice", "total", "euros").doesNotContain("document");
    }

    @Test
    void coloursHaveTheirEverydayNames() {
        assertThat(DominantColours.name(0, 0, 0)).isEqualTo("black");
        assertThat(DominantColours.name(250, 250, 250)).isEqualTo("white");
        assertThat(DominantColours.name(128, 128, 128)).isEqualTo("grey");
        assertThat(DominantColours.name(230, 20, 20)).isEqualTo("red");
        assertThat(DominantColours.name(255, 140, 0)).isEqualTo("orange");
        assertThat(DominantColours.name(250, 220, 30)).isEqualTo("yellow");
        assertThat(DominantColours.name(20, 180, 40)).isEqualTo("green");
        assertThat(DominantColours.name(30, 60, 200)).isEqualTo("blue");
        assertThat(DominantColours.name(130, 40, 180)).isEqualTo("purple");
        assertThat(DominantColours.name(120, 70, 30)).isEqualTo("brown");
        // By perceptual distance, not brightness cut-offs: a chart's light-grey panel (grey92) is grey, not white.
        assertThat(DominantColours.name(235, 235, 235)).isEqualTo("grey");
        assertThat(DominantColours.name(211, 211, 211)).isEqualTo("grey");
        assertThat(DominantColours.name(248, 248, 248)).isEqualTo("white");
        assertThat(DominantColours.name(31, 119, 180)).isEqualTo("blue");
        assertThat(DominantColours.name(0, 0, 128)).isEqualTo("blue");
    }
}
