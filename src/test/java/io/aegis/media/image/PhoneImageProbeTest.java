package io.aegis.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPhoneImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEIC and AVIF files (made by heif-enc and avifenc) are described from their boxes alone: size as displayed,
 * format, alpha, the EXIF block; a declared size past the limit is a bomb before any tool decodes a pixel.
 */
class PhoneImageProbeTest {

    private static final long MAX_PIXELS = 100_000_000L;

    private final ImageProbe probe = new ImageProbe();

    @TempDir
    Path dir;

    @Test
    void aHeicFromAPhoneJpegKeepsItsSizeAndCameraMetadata() throws IOException {
        byte[] heic = TestPhoneImages.heic(TestImages.jpegWithOrientation(1200, 800, 6));

        ImageFacts facts = probe.probe(file("IMG_0001.HEIC", heic), "image/heic", MAX_PIXELS);

        assertThat(facts.format()).isEqualTo("heic");
        assertThat(facts.width()).isEqualTo(1200);
        assertThat(facts.height()).isEqualTo(800);
        assertThat(facts.hasAlpha()).isFalse();
        assertThat(facts.metadata()).containsEntry("make", TestImages.MAKE).containsEntry("model", TestImages.MODEL);
        // The decoder applies the HEIF's own rotation boxes; pixels are never turned a second time by EXIF.
        assertThat(facts.orientation()).isEqualTo(1);
    }

    @Test
    void anAvifRotatedByItsIrotBoxIsDescribedAsDisplayed() throws IOException {
        byte[] avif = TestPhoneImages.avif(TestImages.pngWithAlpha(640, 480), 1);

        ImageFacts facts = probe.probe(file("a.avif", avif), "image/avif", MAX_PIXELS);

        assertThat(facts.format()).isEqualTo("avif");
        assertThat(facts.width()).isEqualTo(480);
        assertThat(facts.height()).isEqualTo(640);
        assertThat(facts.hasAlpha()).isTrue();
    }

    @Test
    void aDeclaredSizePastTheLimitIsABombBeforeDecoding() throws IOException {
        byte[] heic = TestPhoneImages.claimingSize(TestPhoneImages.heic(TestImages.jpeg(320, 240)), 50_000, 50_000);

        assertThatThrownBy(() -> probe.probe(file("bomb.heic", heic), "image/heic", MAX_PIXELS))
                .isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.DECOMPRESSION_BOMB));
    }

    @Test
    void aHiddenItemDeclaringTooManyPixelsIsABombEvenWhenThePrimaryImageIsSmall() throws IOException {
        byte[] heic = TestPhoneImages.heicWithThumbnail(TestImages.jpeg(320, 240), 64);
        // the primary image's size is one ispe, the thumbnail's another: find the one that is not 320×240
        ImageFacts honest = probe.probe(file("two.heic", heic), "image/heic", MAX_PIXELS);
        assertThat(honest.width()).isEqualTo(320);
        byte[] bomb = null;
        for (int index = 0; index < 2 && bomb == null; index++) {
            byte[] candidate = TestPhoneImages.claimingSizeAt(heic, index, 50_000, 50_000);
            try {
                if (probe.probe(file("c" + index + ".heic", candidate), "image/heic", Long.MAX_VALUE).width() == 320) {
                    bomb = candidate;
                }
            } catch (StepFailure e) {
                // not the right box
            }
        }
        assertThat(bomb).as("a file whose thumbnail alone claims 50 000 × 50 000").isNotNull();
        byte[] hidden = bomb;

        assertThatThrownBy(() -> probe.probe(file("hidden.heic", hidden), "image/heic", MAX_PIXELS))
                .isInstanceOf(StepFailure.class)
                .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.DECOMPRESSION_BOMB))
                .hasMessageContaining("part of the image");
    }

    @Test
    void aTruncatedHeaderIsCorruptNotACrash() throws IOException {
        byte[] heic = TestPhoneImages.heic(TestImages.jpeg(320, 240));
        for (int keep : new int[] {12, 40, heic.length / 20, heic.length / 3, heic.length - 1}) {
            Path cut = file("cut-" + keep + ".heic", Arrays.copyOf(heic, keep));
            assertThatThrownBy(() -> probe.probe(cut, "image/heic", MAX_PIXELS)).as("first %d bytes", keep)
                    .isInstanceOf(StepFailure.class)
                    .satisfies(e -> assertThat(((StepFailure) e).code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
        }
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
