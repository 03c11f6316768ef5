package io.aegis.it;

import static io.aegis.it.MediaPipelineIT.download;
import static io.aegis.it.MediaPipelineIT.renditions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestDrawings;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPhoneImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phone photos (HEIC), AVIF and SVG through the whole pipeline: thumbnails, EXIF, OCR and analysis as for a JPEG,
 * decoded by heif-convert and rsvg-convert through camel-exec; hostile ones refused with the code that says why.
 */
class PhoneImagesAndDrawingsIT extends PipelineTestSupport {

    @TempDir
    Path tmp;

    @Test
    void aHeicPhotoGetsThumbnailsCameraMetadataAndADescription() throws Exception {
        String token = localToken();
        byte[] heic = TestPhoneImages.heic(TestImages.withExif(TestImages.jpeg(1200, 800), TestImages.MAKE, TestImages.MODEL, 1));
        JsonNode job = runToEnd(token, "IMG_4242.HEIC", heic);

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(job)).containsExactly("validate", "metadata", "thumbnails", "smart-crop", "ocr", "analyze-image", "embed");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("mimeType").asText()).isEqualTo("image/heic");
        assertThat(asset.path("mediaType").asText()).isEqualTo("image");
        assertThat(asset.path("metadata").path("format").asText()).isEqualTo("heic");
        assertThat(asset.path("metadata").path("width").asInt()).isEqualTo(1200);
        assertThat(asset.path("metadata").path("exif").path("make").asText()).isEqualTo(TestImages.MAKE);
        for (JsonNode thumbnail : renditions(asset, "thumbnail")) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(thumbnail.path("url").asText())));
            assertThat(image.getWidth()).isEqualTo(thumbnail.path("width").asInt()).isIn(256, 1024);
            // the fixture's red marker is still top-left: real pixels, decoded the right way up
            assertThat(isMarkerRed(new Color(image.getRGB(image.getWidth() / 40, image.getHeight() / 40)))).isTrue();
        }
        assertThat(asset.path("insights").path("description").asText()).contains("1200");
    }

    @Test
    void anAvifTurnedByItsIrotBoxIsReadUprightByOcr() throws Exception {
        String token = localToken();
        // Stored a quarter turn clockwise; the irot box turns it back for display, as the decoder must.
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(TestImages.textImage("INVOICE TOTAL 4217 EUROS", 1000, 200)));
        JsonNode job = runToEnd(token, "scan.avif", TestPhoneImages.avif(png(quarterTurnClockwise(upright)), 1));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("metadata").path("format").asText()).isEqualTo("avif");
        assertThat(asset.path("metadata").path("width").asInt()).isEqualTo(1000);
        assertThat(asset.path("metadata").path("height").asInt()).isEqualTo(200);
        assertThat(asset.path("insights").path("ocrText").asText()).contains("INVOICE").contains("4217");
        assertThat(renditions(asset, "thumbnail")).extracting(t -> t.path("width").asInt()).containsExactlyInAnyOrder(256, 1000);
    }

    @Test
    void anSvgIsRasterisedWithItsTransparencyAndItsWordsAreRead() throws Exception {
        String token = localToken();
        JsonNode job = runToEnd(token, "logo.svg", TestDrawings.withText("DRAWING LABEL 5150", 800, 200));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("mimeType").asText()).isEqualTo("image/svg+xml");
        assertThat(asset.path("metadata").path("format").asText()).isEqualTo("svg");
        assertThat(asset.path("metadata").path("width").asInt()).isEqualTo(800);
        // rendered at 2048 wide (aegis.media.image.svg.render-size), so both thumbnail sizes exist; PNG keeps the alpha
        assertThat(renditions(asset, "thumbnail")).extracting(t -> t.path("width").asInt()).containsExactlyInAnyOrder(256, 1024);
        assertThat(renditions(asset, "thumbnail")).allSatisfy(t -> assertThat(t.path("format").asText()).isEqualTo("png"));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                download(renditions(asset, "thumbnail").get(0).path("url").asText())));
        assertThat(thumbnail.getColorModel().hasAlpha()).isTrue();
        assertThat(new Color(thumbnail.getRGB(1, 1), true).getAlpha()).as("background stays transparent").isZero();
        assertThat(asset.path("insights").path("ocrText").asText()).contains("DRAWING").contains("5150");
    }

    @Test
    void anSvgReachingForUrlsFilesAndScriptsIsDrawnWithoutThem() throws Exception {
        try (BaitServer bait = BaitServer.start()) {
            Path leak = Files.write(tmp.resolve("leak.png"), TestImages.textImage("LEAKED FILE", 1000, 200));
            String url = bait.url("/pixel.png");
            String token = localToken();
            JsonNode job = runToEnd(token, "badge.svg", TestDrawings.reachingOut("VISIBLE WORDS", url, leak.toString()));

            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            String ocr = assetOf(token, job).path("insights").path("ocrText").asText();
            assertThat(ocr).contains("VISIBLE").doesNotContain("LEAKED");
            assertThat(bait.fetches()).as("the drawing's URLs are never fetched").isZero();
        }
    }

    @Test
    void hostilePhoneImagesAndDrawingsFailWithTheirOwnCode() throws Exception {
        byte[] heic = TestPhoneImages.heic(TestImages.jpeg(320, 240));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("bomb.heic", TestPhoneImages.claimingSize(heic, 50_000, 50_000));
        files.put("bomb.avif", TestPhoneImages.claimingSize(TestPhoneImages.avif(TestImages.pngWithAlpha(64, 64), 0), 60_000, 60_000));
        files.put("cut.heic", java.util.Arrays.copyOf(heic, heic.length / 3));
        files.put("xxe.svg", TestDrawings.externalEntity(secret.toUri().toString()));
        files.put("laughs.svg", TestDrawings.billionLaughs());
        Map<String, String> expected = Map.of("bomb.heic", "DECOMPRESSION_BOMB", "bomb.avif", "DECOMPRESSION_BOMB",
                "cut.heic", "CORRUPT_MEDIA", "xxe.svg", "UNSUPPORTED_MEDIA_TYPE", "laughs.svg", "LIMIT_EXCEEDED");
        String token = localToken();
        Map<String, String> jobs = new LinkedHashMap<>();
        files.forEach((name, content) -> jobs.put(name, uploadAccepted(token, name, content)));
        for (var entry : jobs.entrySet()) {
            JsonNode job = awaitTerminal(token, entry.getValue());
            assertThat(job.path("status").asText()).as(entry.getKey()).isEqualTo("FAILED");
            assertThat(job.path("error").path("code").asText()).as(entry.getKey() + ": " + job.path("error"))
                    .isEqualTo(expected.get(entry.getKey()));
            assertThat(job.path("error").path("message").asText()).doesNotContain("TOPSECRET");
        }
        // A drawing that declares an enormous page is still only a drawing: rendered within the square, never refused.
        JsonNode big = runToEnd(token, "poster.svg", TestDrawings.hugeDeclaredSize());
        assertThat(big.path("status").asText()).as(big.toString()).isEqualTo("SUCCEEDED");
        assertThat(renditions(assetOf(token, big), "thumbnail")).extracting(t -> t.path("width").asInt())
                .containsExactlyInAnyOrder(256, 1024);
    }

    private JsonNode runToEnd(String token, String filename, byte[] content) {
        return awaitTerminal(token, uploadAccepted(token, filename, content));
    }

    private static boolean isMarkerRed(Color c) {
        return c.getRed() > 180 && c.getGreen() < 80 && c.getBlue() < 80;
    }

    private static BufferedImage quarterTurnClockwise(BufferedImage image) {
        BufferedImage turned = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.translate(image.getHeight(), 0);
        g.rotate(Math.PI / 2);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return turned;
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
