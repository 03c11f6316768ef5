package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestVideos;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps shipped as YAML (routes/steps/), in the default plans, on real files: smart crops keep an off-centre
 * subject in every platform format at the exact aspect ratio; a video with cuts at known times gets those times as its
 * scenes insight, a contact sheet and a waveform that decode, and crops of its poster.
 */
class ShippedStepsIT extends PipelineTestSupport {

    /** The formats of routes/steps/smart-crop.yaml, width x height. */
    static final List<int[]> FORMATS = List.of(new int[] {1080, 1080}, new int[] {1080, 1350}, new int[] {1920, 1080},
            new int[] {1080, 1920});

    @TempDir
    Path tmp;

    @Test
    void smartCropKeepsAnOffCentreSubjectWholeInEveryPlatformFormat() throws Exception {
        String token = localToken();
        // 1600 x 900, flat grey, one red 250 px square near the right edge: a centre crop to 9:16 would miss it.
        BufferedImage picture = new BufferedImage(1600, 900, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 1600, 900);
        g.setColor(Color.RED);
        g.fillRect(1250, 100, 250, 250);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);

        JsonNode job = awaitTerminal(token, uploadAccepted(token, "subject-right.png", png.toByteArray()));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(PipelineTestSupport.stepStatus(job, "smart-crop")).isEqualTo("SUCCEEDED");
        List<JsonNode> crops = renditions(getJson(token, "/v1/assets/" + job.path("assetId").asText()), "crop");
        assertThat(crops).extracting(c -> c.path("width").asInt() + "x" + c.path("height").asInt())
                .containsExactlyInAnyOrder("1080x1080", "1080x1350", "1920x1080", "1080x1920");
        for (JsonNode crop : crops) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(crop.path("url").asText())));
            int width = crop.path("width").asInt();
            int height = crop.path("height").asInt();
            assertThat(image.getWidth()).isEqualTo(width);
            assertThat(image.getHeight()).isEqualTo(height);
            assertThat(crop.path("format").asText()).isEqualTo("jpeg");
            // Every format keeps the picture's full height (900 px scaled to the crop's height), so the whole square
            // is (250 * scale)^2 pixels; it is all inside the crop when that many red pixels are.
            double scale = height / 900.0;
            double wholeSquare = Math.pow(250 * scale, 2);
            assertThat(redPixels(image)).as("red pixels in the %dx%d crop", width, height)
                    .isGreaterThan((long) (0.9 * wholeSquare));
        }
    }

    @Test
    void aVideoWithKnownCutsGetsItsSceneTimesAContactSheetAWaveformAndCrops() throws Exception {
        String token = localToken();
        // Three 2-second shots (a test pattern, plain blue, a fractal) over a tone: cuts at 2 s and 4 s.
        Path video = tmp.resolve("cuts.mp4");
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:d=2:r=25",
                "-f", "lavfi", "-i", "color=c=blue:s=320x240:d=2:r=25",
                "-f", "lavfi", "-i", "mandelbrot=s=320x240:r=25,trim=duration=2",
                "-f", "lavfi", "-i", "sine=f=440:d=6",
                "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]", "-map", "[v]", "-map", "3:a",
                "-pix_fmt", "yuv420p", "-shortest", video.toString()));
        TestVideos.ffmpeg(args);

        JsonNode job = awaitTerminal(token, uploadAccepted(token, "cuts.mp4", Files.readAllBytes(video)));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        for (String step : List.of("smart-crop", "scene-strip", "waveform")) {
            assertThat(PipelineTestSupport.stepStatus(job, step)).as(step).isEqualTo("SUCCEEDED");
        }
        JsonNode asset = getJson(token, "/v1/assets/" + job.path("assetId").asText());
        List<Double> cuts = new ArrayList<>();
        asset.path("insights").path("declared").path("scenes").path("frames")
                .forEach(frame -> cuts.add(Double.parseDouble(frame.path("pts_time").asText())));
        assertThat(cuts).hasSize(2);
        assertThat(cuts.get(0)).isCloseTo(2.0, within(0.1));
        assertThat(cuts.get(1)).isCloseTo(4.0, within(0.1));

        JsonNode strip = renditions(asset, "scene-strip").get(0);
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(download(strip.path("url").asText())));
        assertThat(sheet.getWidth()).isEqualTo(strip.path("width").asInt()).isGreaterThan(4 * 240);
        assertThat(sheet.getHeight()).isGreaterThan(3 * 180);

        JsonNode waveform = renditions(asset, "waveform").get(0);
        BufferedImage wave = ImageIO.read(new ByteArrayInputStream(download(waveform.path("url").asText())));
        assertThat(Map.of("width", wave.getWidth(), "height", wave.getHeight())).isEqualTo(Map.of("width", 1280, "height", 240));
        assertThat(renditions(asset, "crop")).as("crops of the poster").hasSize(FORMATS.size());
    }

    private static long redPixels(BufferedImage image) {
        long red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r > 200 && gr < 60 && b < 60) {
                    red++;
                }
            }
        }
        return red;
    }

}
