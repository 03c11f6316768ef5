package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestAudio;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import io.aegis.testmedia.TestVideos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each media kind through the real pipeline — tools included (ffmpeg, tesseract, pocketsphinx) — to
 * SUCCEEDED with the renditions, metadata and insights users read from GET /v1/assets/{id}.
 */
class MediaPipelineIT extends PipelineTestSupport {

    static final String SPEECH = "the quick brown fox jumps over the lazy dog near the river bank";
    // About 7 s with a pause between the sentences: the test profile's 4 s chunks cut it there.
    static final String TWO_SENTENCES = SPEECH + ". my sister sells fresh fish at the harbour market every morning.";

    @TempDir
    Path tmp;

    @Test
    void aPhotoGetsOrientedThumbnailsAndCameraMetadata() throws Exception {
        String token = localToken();
        // Stored landscape, EXIF orientation 6: a camera held upright. Viewers show it portrait.
        JsonNode job = runToEnd(token, "IMG_0042.JPG", TestImages.jpegWithOrientation(1200, 800, 6));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(job)).containsExactly("validate", "metadata", "thumbnails", "smart-crop", "ocr", "analyze-image", "embed");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("mediaType").asText()).isEqualTo("image");
        assertThat(asset.path("metadata").path("width").asInt()).isEqualTo(1200);
        assertThat(asset.path("metadata").path("orientation").asInt()).isEqualTo(6);
        assertThat(asset.path("metadata").path("exif").path("make").asText()).isNotBlank();

        List<JsonNode> thumbnails = renditions(asset, "thumbnail");
        assertThat(thumbnails).extracting(t -> t.path("height").asInt()).containsExactlyInAnyOrder(256, 1024);
        for (JsonNode thumbnail : thumbnails) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(download(thumbnail.path("url").asText())));
            assertThat(image.getHeight()).isEqualTo(thumbnail.path("height").asInt());
            assertThat(image.getWidth()).as("portrait after orientation").isEqualTo(thumbnail.path("width").asInt())
                    .isLessThan(image.getHeight());
            assertThat(thumbnail.path("format").asText()).isEqualTo("jpeg");
        }
    }

    @Test
    void ocrReadsTheWordsDrawnIntoAnImage() throws Exception {
        String token = localToken();
        JsonNode job = runToEnd(token, "receipt.png", TestImages.textImage("INVOICE TOTAL 4217 EUROS", 1000, 200));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        String ocr = assetOf(token, job).path("insights").path("ocrText").asText();
        assertThat(ocr).contains("INVOICE").contains("4217");
    }

    @Test
    void anImageWithTransparencyKeepsItAsPng() throws Exception {
        String token = localToken();
        JsonNode job = runToEnd(token, "logo.png", TestImages.pngWithAlpha(600, 300));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode asset = assetOf(token, job);
        assertThat(renditions(asset, "thumbnail")).allSatisfy(t -> assertThat(t.path("format").asText()).isEqualTo("png"));
        // 600 px wide: the 1024 size is not enlarged.
        assertThat(renditions(asset, "thumbnail")).extracting(t -> t.path("width").asInt()).containsExactlyInAnyOrder(256, 600);
        assertThat(asset.path("insights").path("unavailable").path("ocrText").asText()).isNotBlank();
    }

    @Test
    void aTalkingVideoGetsPosterTranscriptCaptionsAndSummary() throws Exception {
        String token = localToken();
        Path speech = TestAudio.speechWav(SPEECH, tmp);
        JsonNode job = runToEnd(token, "talk.mp4", TestVideos.mp4WithSound(speech, tmp));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(job))
                .containsExactly("validate", "metadata", "poster", "smart-crop", "scene-strip", "waveform", "analyze-image",
                        "extract-audio", "transcribe", "summarize", "embed");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("mediaType").asText()).isEqualTo("video");
        assertThat(asset.path("metadata").path("video").path("width").asInt()).isEqualTo(320);
        assertThat(asset.path("metadata").path("durationSeconds").asDouble()).isGreaterThan(1.0);
        assertThat(renditions(asset, "poster")).hasSize(1);
        // Stored through the aws2-s3 endpoint (media.poster): the JPEG the asset records, at its recorded size.
        JsonNode poster = renditions(asset, "poster").get(0);
        BufferedImage frame = ImageIO.read(new ByteArrayInputStream(download(poster.path("url").asText())));
        assertThat(frame.getWidth()).isEqualTo(poster.path("width").asInt()).isEqualTo(320);
        assertThat(renditions(asset, "thumbnail")).isNotEmpty();
        // The soundtrack (media.extract-audio, through aws2-s3) is what transcribe read.
        assertThat(new String(download(renditions(asset, "audio").get(0).path("url").asText()), 0, 4,
                StandardCharsets.US_ASCII)).isEqualTo("RIFF");

        JsonNode transcript = asset.path("insights").path("transcript");
        assertThat(transcript.path("provider").asText()).isEqualTo("pocketsphinx");
        assertThat(TestAudio.wordErrorRate(SPEECH, transcript.path("text").asText())).isLessThanOrEqualTo(0.35);
        assertThat(transcript.path("segments")).isNotEmpty();
        String vtt = new String(download(renditions(asset, "captions").get(0).path("url").asText()), StandardCharsets.UTF_8);
        assertThat(vtt).startsWith("WEBVTT").contains("-->");
        // Thirteen words: too short to summarise, and the asset says so instead of repeating the transcript.
        assertThat(stepStatus(job, "summarize")).isEqualTo("SKIPPED");
        assertThat(asset.path("insights").path("summary").isNull()).isTrue();
        assertThat(asset.path("insights").path("unavailable").path("summary").asText()).contains("too short to summarise");
        // The poster is described from facts, the transcript tagged and titled: one content picture.
        JsonNode insights = asset.path("insights");
        assertThat(insights.path("description").asText()).contains("320");
        assertThat(insights.path("tags")).isNotEmpty();
        assertThat(insights.path("content").path("titleSuggestion").asText()).isNotBlank();
        assertThat(insights.path("sources").path("tags").path("provider").asText()).isEqualTo("offline");
    }

    @Test
    void aSilentVideoSkipsTheSoundStepsAndSaysWhy() throws Exception {
        String token = localToken();
        JsonNode job = runToEnd(token, "silent.mp4", TestVideos.silentMp4(2, tmp));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(stepStatus(job, "poster")).isEqualTo("SUCCEEDED");
        assertThat(stepStatus(job, "extract-audio")).isEqualTo("SKIPPED");
        assertThat(stepStatus(job, "transcribe")).isEqualTo("SKIPPED");
        JsonNode insights = assetOf(token, job).path("insights");
        assertThat(insights.path("transcript").isNull()).isTrue();
        assertThat(insights.path("unavailable").path("transcript").asText()).contains("no audio");
        assertThat(stepStatus(job, "summarize")).isEqualTo("SKIPPED");
        assertThat(insights.path("summary").isNull()).isTrue();
        assertThat(insights.path("unavailable").path("summary").asText()).contains("no text");
        // No words, but the poster's description is text: the video is still findable by search.
        assertThat(insights.path("description").asText()).isNotBlank();
        assertThat(stepStatus(job, "embed")).isEqualTo("SUCCEEDED");
    }

    @Test
    void speechInAnotherContainerIsNormalisedAndTranscribed() throws Exception {
        String token = localToken();
        Path speech = TestAudio.speechWav(TWO_SENTENCES, tmp);
        JsonNode job = runToEnd(token, "memo.mp3", TestVideos.convertAudio(speech, "mp3", tmp));

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(job)).containsExactly("validate", "metadata", "waveform", "extract-audio", "transcribe", "summarize", "embed");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("mediaType").asText()).isEqualTo("audio");
        JsonNode transcript = asset.path("insights").path("transcript");
        // Two chunks recognised in parallel and stitched: no word lost or doubled at the cut.
        assertThat(TestAudio.wordErrorRate(TWO_SENTENCES, transcript.path("text").asText())).isLessThanOrEqualTo(0.35);
        assertThat(transcript.path("segments").size()).isGreaterThanOrEqualTo(2);
        assertThat(transcript.path("segments").get(1).path("start").asDouble()).isGreaterThan(3.0);
    }

    @Test
    void aThreePagePdfGivesThreePagesOfText() throws Exception {
        String token = localToken();
        byte[] pdf = TestPdfs.pages("Harbour report",
                "The fleet landed cod and haddock every morning this spring.",
                "Fuel prices rose sharply and the fleet shrank to fifteen boats.",
                "The council proposed a cold-storage plant for the remaining boats.");
        JsonNode job = runToEnd(token, "report.pdf", pdf);

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(UploadPipelineIT.stepNames(job)).containsExactly("validate", "metadata", "extract-text", "summarize", "embed");
        JsonNode asset = assetOf(token, job);
        assertThat(asset.path("metadata").path("pageCount").asInt()).isEqualTo(3);
        assertThat(asset.path("metadata").path("info").path("title").asText()).isEqualTo("Harbour report");
        JsonNode pages = read(new String(download(renditions(asset, "pages").get(0).path("url").asText()),
                StandardCharsets.UTF_8)).path("pages");
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).path("text").asText()).contains("cod and haddock");
        assertThat(pages.get(1).path("text").asText()).contains("Fuel prices");
        assertThat(pages.get(2).path("text").asText()).contains("cold-storage plant");
        assertThat(asset.path("insights").path("summary").path("text").asText()).isNotBlank();
    }

    JsonNode runToEnd(String token, String filename, byte[] content) {
        return awaitTerminal(token, uploadAccepted(token, filename, content));
    }
}
