package io.aegis.media.image;

import static io.aegis.media.image.ThumbnailAssertions.assertDecodes;
import static io.aegis.media.image.ThumbnailAssertions.isMarker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aegis.media.MediaProperties;
import io.aegis.media.ToolExecutor;
import io.aegis.media.ToolLimits;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import io.aegis.testmedia.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thumbnails made by libvips through the real route ({@link VipsThumbnailRoutes}) and tool runner: the same files,
 * sizes and formats as the JDK path, EXIF orientation, alpha, no enlargement, CMYK and WebP, damaged data refused, and a
 * decompression bomb refused by the planner before libvips ever runs. {@code vips} is a wrapper that leaves a mark
 * when it runs, then runs the real one.
 */
class VipsThumbnailsTest {

    private static final long MAX_PIXELS = 100_000_000L;

    @TempDir
    Path dir;

    private CamelContext camel;
    private ThumbnailPlanner planner;
    private Path ran;

    @BeforeEach
    void startCamel() throws Exception {
        ran = dir.resolve("vips-ran");
        Path vips = Files.writeString(dir.resolve("vips"), "#!/bin/sh\ntouch '" + ran + "'\nexec vips \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(vips, PosixFilePermissions.fromString("rwx------"));
        MediaProperties media = new MediaProperties(dir.resolve("work"), Duration.ofMinutes(1), null,
                new MediaProperties.Tools(null, null, null, null, null, null, vips.toString()),
                new MediaProperties.Image(MAX_PIXELS, 0.85f, 0, null, 0, 0, 0, 0, null, Set.of("jpeg", "png", "webp")),
                null, null, null, null);
        planner = new ThumbnailPlanner(new ImageProbe(), null, null, media);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind(ToolExecutor.BEAN, new ToolExecutor(ToolLimits.defaults()));
        camel.addRoutes(new VipsThumbnailRoutes(new VipsThumbnails(media)));
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void aJpegGivesTheJdkPathsFilesAndSizesWithoutItsMetadata() throws IOException {
        Path source = file("photo.jpg", TestImages.withExif(TestImages.jpeg(1601, 899), TestImages.MAKE, "Model X", 1));

        List<Thumbnail> thumbs = render(source, 1, List.of(256, 1024));

        List<Thumbnail> byJdk = new Thumbnailer(MAX_PIXELS).render(source, 1, List.of(256, 1024), dir.resolve("jdk"));
        assertThat(thumbs).extracting(Thumbnail::longSide, Thumbnail::width, Thumbnail::height, Thumbnail::format)
                .containsExactlyElementsOf(byJdk.stream().map(t -> org.assertj.core.groups.Tuple.tuple(
                        t.longSide(), t.width(), t.height(), t.format())).toList());
        assertDecodes(thumbs.get(0), 256, 144, "thumb-256.jpg");
        assertDecodes(thumbs.get(1), 1024, 575, "thumb-1024.jpg");
        assertThat(ran).as("libvips made them").exists();
        for (Thumbnail thumb : thumbs) {
            assertThat(new String(Files.readAllBytes(thumb.file()), StandardCharsets.ISO_8859_1))
                    .as("no EXIF (camera, GPS) copied into a thumbnail").doesNotContain(TestImages.MAKE).doesNotContain("Exif");
        }
    }

    @Test
    void aLandscapeJpegWithExifOrientation6GivesUprightPortraitThumbnails() throws IOException {
        Path source = file("sideways.jpg", TestImages.jpegWithOrientation(640, 480, 6));
        int orientation = new ImageProbe().probe(source, MAX_PIXELS).orientation();

        List<Thumbnail> thumbs = render(source, orientation, List.of(128, 256));

        BufferedImage small = assertDecodes(thumbs.get(0), 96, 128, "thumb-128.jpg");
        BufferedImage large = assertDecodes(thumbs.get(1), 192, 256, "thumb-256.jpg");
        for (BufferedImage image : List.of(small, large)) {
            // Turned 90° clockwise, the stored top-left marker is now top-right.
            assertThat(isMarker(image.getRGB(image.getWidth() - 5, 5))).isTrue();
            assertThat(isMarker(image.getRGB(5, 5))).isFalse();
        }
    }

    @Test
    void aPictureTheStepReadsAsUprightIsNotTurnedByItsTags() throws IOException {
        // a video poster or PDF preview: the step says orientation 1 whatever the file's tags claim
        Path source = file("poster.jpg", TestImages.jpegWithOrientation(640, 480, 6));

        Thumbnail thumb = render(source, 1, List.of(256)).get(0);

        BufferedImage image = assertDecodes(thumb, 256, 192, "thumb-256.jpg");
        assertThat(isMarker(image.getRGB(5, 5))).isTrue();
    }

    @Test
    void aPngWithAlphaGivesPngThumbnailsThatKeepTransparency() throws IOException {
        Path source = file("logo.png", TestImages.pngWithAlpha(800, 600));

        Thumbnail thumb = render(source, 1, List.of(256)).get(0);

        assertThat(thumb.format()).isEqualTo("png");
        BufferedImage image = assertDecodes(thumb, 256, 192, "thumb-256.png");
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(image.getRGB(2, 2) >>> 24).as("corner alpha").isZero();
        assertThat(image.getRGB(128, 96) >>> 24).as("centre alpha").isEqualTo(255);
        assertThat(ran).exists();
    }

    @Test
    void a20By20ImageIsNotEnlarged() throws IOException {
        Path source = file("icon.jpg", TestImages.jpeg(20, 20));

        List<Thumbnail> thumbs = render(source, 1, List.of(256, 1024));

        assertDecodes(thumbs.get(0), 20, 20, "thumb-256.jpg");
        assertDecodes(thumbs.get(1), 20, 20, "thumb-1024.jpg");
    }

    @Test
    void aCmykJpegGivesAnRgbThumbnailWithTrueColours() throws IOException {
        Path source = file("print.jpg", TestImages.cmykJpeg(400, 300));

        Thumbnail thumb = render(source, 1, List.of(200)).get(0);

        BufferedImage image = assertDecodes(thumb, 200, 150, "thumb-200.jpg");
        assertThat(ran).exists();
        assertThat(isMarker(image.getRGB(5, 5))).isTrue();
        Color background = new Color(image.getRGB(150, 100));
        assertThat(background.getBlue()).as("bluish background, not black").isGreaterThan(background.getRed() + 50);
    }

    @Test
    void aWebpIsMadeByLibvips() throws IOException {
        assumeTrue(TestImages.ffmpegAvailable(), "ffmpeg is needed to make a WebP fixture");
        Path source = file("x.webp", TestImages.webp(640, 480));

        Thumbnail thumb = render(source, 1, List.of(256)).get(0);

        assertDecodes(thumb, 256, 192, "thumb-256.jpg");
        assertThat(ran).exists();
    }

    @Test
    void aTruncatedJpegIsCorruptMediaNotAGreyThumbnail() throws IOException {
        byte[] whole = TestImages.jpeg(1200, 800);
        Path source = file("cut.jpg", TestImages.truncated(whole, whole.length / 2));

        assertThatThrownBy(() -> render(source, 1, List.of(256)))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_MEDIA));
        assertThat(ran).as("libvips read it and refused it").exists();
    }

    @Test
    void aPixelBombIsRefusedBeforeLibvipsRuns() throws IOException {
        Path source = file("bomb.png", TestImages.pngHeaderClaiming(50_000, 50_000));

        assertThatThrownBy(() -> render(source, 1, List.of(256)))
                .isInstanceOfSatisfying(StepFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECOMPRESSION_BOMB));
        assertThat(ran).as("vips never started").doesNotExist();
    }

    @Test
    void aGifIsLeftToTheJdk() throws IOException {
        Path source = file("anim.gif", TestImages.gif(640, 480));

        assertThat(planner.plan(source, 1, List.of(128), dir.resolve("out")).byVips()).isFalse();
        assertThat(planner.plan(file("p.jpg", TestImages.jpeg(64, 48)), 1, List.of(128), dir.resolve("out")).byVips())
                .isTrue();
    }

    private List<Thumbnail> render(Path source, int orientation, List<Integer> sizes) throws IOException {
        Exchange exchange = new DefaultExchange(camel);
        planner.plan(source, orientation, sizes, Files.createDirectories(dir.resolve("out"))).attach(exchange);
        camel.createProducerTemplate().send(VipsThumbnailRoutes.ENDPOINT, exchange);
        if (exchange.getException() instanceof RuntimeException e) {
            throw e;
        }
        ThumbnailPlan plan = ThumbnailPlan.of(exchange);
        assertThat(plan.byVips()).isTrue();
        return plan.madeInRequestedOrder();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
