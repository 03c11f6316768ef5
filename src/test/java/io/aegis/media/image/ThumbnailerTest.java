package io.aegis.media.image;

import static io.aegis.media.image.ThumbnailAssertions.assertDecodes;
import static io.aegis.media.image.ThumbnailAssertions.isMarker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Thumbnails users see: right size and shape, upright, alpha kept, damaged files refused. */
class ThumbnailerTest {

    private static final long MAX_PIXELS = 100_000_000L;

    private final Thumbnailer thumbnailer = new Thumbnailer(MAX_PIXELS);

    @TempDir
    Path dir;

    @Test
    void eachThumbnailDecodesWithTheRequestedLongSideAndTheSourceAspectRatio() throws IOException {
        Path source = file("wide.jpg", TestImages.jpeg(1600, 900));

        List<Thumbnail> thumbs = thumbnailer.render(source, 1, List.of(256, 1024), dir.resolve("out"));

        assertThat(thumbs).extracting(Thumbnail::longSide).containsExactly(256, 1024);
        assertDecodes(thumbs.get(0), 256, 144, "thumb-256.jpg");
        assertDecodes(thumbs.get(1), 1024, 576, "thumb-1024.jpg");
        assertThat(thumbs).allSatisfy(t -> assertThat(t.format()).isEqualTo("jpeg"));
    }

    @Test
    void aLandscapeJpegWithExifOrientation6GivesPortraitThumbnails() throws IOException {
        Path source = file("sideways.jpg", TestImages.jpegWithOrientation(6000, 4000, 6));
        int orientation = new ImageProbe().probe(source, MAX_PIXELS).orientation();

        List<Thumbnail> thumbs = thumbnailer.render(source, orientation, List.of(256, 1024), dir.resolve("out"));

        BufferedImage small = assertDecodes(thumbs.get(0), 171, 256, "thumb-256.jpg");
        assertDecodes(thumbs.get(1), 683, 1024, "thumb-1024.jpg");
        // Turned 90° clockwise, the stored top-left marker is now top-right.
        assertThat(isMarker(small.getRGB(small.getWidth() - 5, 5))).isTrue();
        assertThat(isMarker(small.getRGB(5, 5))).isFalse();
    }

    @ParameterizedTest(name = "orientation {0} puts the stored top-left corner at {1},{2}")
    @CsvSource({"1,0,0", "2,1,0", "3,1,1", "4,0,1", "5,0,0", "6,1,0", "7,1,1", "8,0,1"})
    void everyExifOrientationTurnsTheImageUpright(int orientation, int right, int bottom) throws IOException {
        Path source = file("o.jpg", TestImages.jpeg(400, 300));

        Thumbnail thumb = thumbnailer.render(source, orientation, List.of(200), dir.resolve("o" + orientation)).get(0);

        BufferedImage image = ImageIO.read(thumb.file().toFile());
        boolean swapped = orientation >= 5;
        assertThat(image.getWidth()).isEqualTo(swapped ? 150 : 200);
        int x = right == 1 ? image.getWidth() - 5 : 5;
        int y = bottom == 1 ? image.getHeight() - 5 : 5;
        assertThat(isMarker(image.getRGB(x, y))).as("marker at %d,%d", x, y).isTrue();
    }

    @Test
    void aPngWithAlphaGivesPngThumbnailsThatKeepTransparency() throws IOException {
        Path source = file("logo.png", TestImages.pngWithAlpha(800, 600));

        Thumbnail thumb = thumbnailer.render(source, 1, List.of(256), dir.resolve("out")).get(0);

        assertThat(thumb.format()).isEqualTo("png");
        BufferedImage image = assertDecodes(thumb, 256, 192, "thumb-256.png");
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(2, 2) >>> 24).as("corner alpha").isZero();
        assertThat(image.getRGB(128, 96) >>> 24).as("centre alpha").isEqualTo(255);
    }

    @Test
    void aSmallImageIsNotUpscaled() throws IOException {
        Path source = file("small.jpg", TestImages.jpeg(200, 120));

        Thumbnail thumb = thumbnailer.render(source, 1, List.of(256), dir.resolve("out")).get(0);

        assertThat(thumb.longSide()).isEqualTo(256);
        assertDecodes(thumb, 200, 120, "thumb-256.jpg");
    }

    @Test
    void theFirstFrameOfAGifIsThumbnailed() throws IOException {
        Path source = file("anim.gif", TestImages.gif(640, 480));

        Thumbnail thumb = thumbnailer.render(source, 1, List.of(128), dir.resolve("out")).get(0);

        assertDecodes(thumb, 128, 96, "thumb-128.jpg");
    }

    @Test
    void aCmykJpegGivesAnRgbThumbnailWithTrueColours() throws IOException {
        Path source = file("print.jpg", TestImages.cmykJpeg(400, 300));

        Thumbnail thumb = thumbnailer.render(source, 1, List.of(200), dir.resolve("out")).get(0);

        BufferedImage image = assertDecodes(thumb, 200, 150, "thumb-200.jpg");
        assertThat(isMarker(image.getRGB(5, 5))).isTrue();
        Color background = new Color(image.getRGB(150, 100));
        assertThat(background.getBlue()).as("bluish background, not black").isGreaterThan(background.getRed() + 50);
    }

    @Test
    void aWebpDecodes() throws IOException {
        assumeTrue(TestImages.ffmpegAvailable(), "ffmpeg is needed to make a WebP fixture");
        Path source = file("x.webp", TestImages.webp(640, 480));

        Thumbnail thumb = thumbnailer.render(source, 1, List.of(256), dir.resolve("out")).get(0);

        assertDecodes(thumb, 256, 192, "thumb-256.jpg");
    }

    @Test
    void aTruncatedJpegIsCorruptMediaNotAGreyThumbnail() throws IOException {
        byte[] whole = TestImages.jpeg(1200, 800);
        Path source = file("cut.jpg", TestImages.truncated(whole, whole.length / 2));

        assertCorrupt(() -> thumbnailer.render(source, 1, List.of(256), dir.resolve("out")), ErrorCode.CORRUPT_MEDIA);
    }

    @Test
    void aPngHeaderClaiming50000By50000IsRefusedBeforeDecoding() throws IOException {
        Path source = file("bomb.png", TestImages.pngHeaderClaiming(50_000, 50_000));

        assertCorrupt(() -> thumbnailer.render(source, 1, List.of(256), dir.resolve("out")), ErrorCode.DECOMPRESSION_BOMB);
    }

    @Test
    void anExecutableIsCorruptMedia() throws IOException {
        Path source = file("tool.png", TestImages.elf());

        assertCorrupt(() -> thumbnailer.render(source, 1, List.of(256), dir.resolve("out")), ErrorCode.CORRUPT_MEDIA);
    }

    @Test
    void oneInstanceServesSeveralThreads() throws Exception {
        Path source = file("shared.jpg", TestImages.jpeg(1200, 900));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Thumbnail>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path out = dir.resolve("t" + i);
                runs.add(pool.submit(() -> thumbnailer.render(source, 6, List.of(100, 300), out)));
            }
            for (Future<List<Thumbnail>> run : runs) {
                assertDecodes(run.get().get(1), 225, 300, "thumb-300.jpg");
            }
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}×{1}, orientation {2}, sizes {3}")
    @CsvSource({"1601,899,1,256;64;1024", "2001,1333,6,100;40", "999,1001,8,256;1024", "20,20,1,256;1024",
            "4001,7,1,64", "300,200,5,100;64", "2001,1333,1,256"})
    void thePlanIsWhatRenderMakesToThePixel(int width, int height, int orientation, String sizeList) throws IOException {
        Path source = file("p.jpg", TestImages.jpeg(width, height));
        List<Integer> sizes = java.util.Arrays.stream(sizeList.split(";")).map(Integer::valueOf).toList();

        List<Thumbnail> rendered = thumbnailer.render(source, orientation, sizes, dir.resolve("out"));

        List<Thumbnail> planned = Thumbnailer.plan(width, height, orientation, false, sizes, dir.resolve("out"));
        assertThat(planned).extracting(Thumbnail::longSide)
                .containsExactlyElementsOf(sizes.stream().sorted(java.util.Comparator.reverseOrder()).toList());
        assertThat(planned).containsExactlyInAnyOrderElementsOf(rendered);
    }

    @Test
    void subsamplingLeavesTwiceTheLargestSide() {
        assertThat(Thumbnailer.subsampling(4000, 256)).isEqualTo(7);
        assertThat(Thumbnailer.subsampling(4000, 1024)).isEqualTo(1);
        assertThat(Thumbnailer.subsampling(100, 256)).isEqualTo(1);
    }

    private static void assertCorrupt(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
