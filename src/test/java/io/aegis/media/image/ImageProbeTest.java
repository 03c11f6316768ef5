package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe answers from the header: size, format, alpha and EXIF, and refuses bombs and non-images. */
class ImageProbeTest {

    private static final long MAX_PIXELS = 100_000_000L;

    private final ImageProbe probe = new ImageProbe();

    @TempDir
    Path dir;

    @Test
    void jpegHeaderGivesFormatAndSizeWithoutAlpha() throws IOException {
        ImageFacts facts = probe.probe(file("a.jpg", TestImages.jpeg(640, 480)), MAX_PIXELS);

        assertThat(facts.format()).isEqualTo("jpeg");
        assertThat(facts.width()).isEqualTo(640);
        assertThat(facts.height()).isEqualTo(480);
        assertThat(facts.hasAlpha()).isFalse();
        assertThat(facts.orientation()).isEqualTo(1);
    }

    @Test
    void exifMakeModelAndOrientationAppearInTheMetadata() throws IOException {
        ImageFacts facts = probe.probe(file("o6.jpg", TestImages.jpegWithOrientation(600, 400, 6)), MAX_PIXELS);

        assertThat(facts.orientation()).isEqualTo(6);
        assertThat(facts.width()).isEqualTo(600);
        assertThat(facts.metadata())
                .containsEntry("make", TestImages.MAKE)
                .containsEntry("model", TestImages.MODEL)
                .containsEntry("orientation", 6);
        assertThat((Iterable<?>) facts.metadata().get("directories")).asList().contains("Exif IFD0");
    }

    @Test
    void pngWithAlphaReportsAlpha() throws IOException {
        ImageFacts facts = probe.probe(file("a.png", TestImages.pngWithAlpha(300, 200)), MAX_PIXELS);

        assertThat(facts.format()).isEqualTo("png");
        assertThat(facts.hasAlpha()).isTrue();
        assertThat(facts.metadata()).doesNotContainKey("make");
    }

    @Test
    void aPngHeaderClaiming50000By50000IsRefusedAsADecompressionBomb() throws IOException {
        Path bomb = file("bomb.png", TestImages.pngHeaderClaiming(50_000, 50_000));

        assertThatThrownBy(() -> probe.probe(bomb, MAX_PIXELS))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECOMPRESSION_BOMB))
                .hasMessageContaining("50000×50000")
                .hasMessageContaining("2500.0 megapixels");
    }

    @Test
    void anExecutableIsCorruptMedia() throws IOException {
        Path elf = file("tool.jpg", TestImages.elf());

        assertThatThrownBy(() -> probe.probe(elf, MAX_PIXELS))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
    }

    @Test
    void anEmptyFileIsCorruptMedia() throws IOException {
        Path empty = file("empty.png", new byte[0]);

        assertThatThrownBy(() -> probe.probe(empty, MAX_PIXELS))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
    }

    @Test
    void webpIsRecognised() throws IOException {
        assumeTrue(TestImages.ffmpegAvailable(), "ffmpeg is needed to make a WebP fixture");

        ImageFacts facts = probe.probe(file("x.webp", TestImages.webp(640, 480)), MAX_PIXELS);

        assertThat(facts.format()).isEqualTo("webp");
        assertThat(facts.width()).isEqualTo(640);
        assertThat(facts.height()).isEqualTo(480);
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
