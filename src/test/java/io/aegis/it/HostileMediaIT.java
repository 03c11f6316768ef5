package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.testmedia.TestImages;
import io.aegis.testmedia.TestPdfs;
import io.aegis.testmedia.TestVideos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Broken, spoofed and hostile files end FAILED with the code that says why, fetch nothing from the network,
 * and leave the workers able to finish the next ordinary job.
 */
class HostileMediaIT extends PipelineTestSupport {

    record Case(String filename, byte[] content, String code) {
    }

    @TempDir
    Path tmp;

    @Value("${aegis.media.work-dir}")
    Path workDir;

    private List<Path> leftovers() throws IOException {
        // This process's step directories (the work dir holds one folder per process).
        Path mine = io.aegis.media.Scratch.processRoot(workDir);
        if (!Files.isDirectory(mine)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(mine)) {
            return entries.toList();
        }
    }

    @Test
    void hostileFilesFailWithTheRightCodeAndTheWorkersCarryOn() throws Exception {
        try (BaitServer bait = BaitServer.start()) {
            String url = bait.url("/segment.ts");
            byte[] jpeg = TestImages.jpeg(800, 600);
            byte[] playlist = ("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + url + "\n#EXT-X-ENDLIST\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] mp4Header = Arrays.copyOf(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'}, 4096);
            for (int i = 12; i < mp4Header.length; i++) {
                mp4Header[i] = (byte) (i * 31);
            }
            var cases = new Case[] {
                new Case("truncated.jpg", TestImages.truncated(jpeg, jpeg.length / 2), "CORRUPT_MEDIA"),
                new Case("huge.png", TestImages.pngHeaderClaiming(50_000, 50_000), "DECOMPRESSION_BOMB"),
                new Case("cat.jpg", TestImages.elf(), "UNSUPPORTED_MEDIA_TYPE"),
                new Case("empty.mp4", new byte[0], "EMPTY_FILE"),
                new Case("garbage.mp4", mp4Header, "CORRUPT_MEDIA"),
                new Case("stream.m3u8", playlist, "UNSUPPORTED_MEDIA_TYPE"),
                new Case("bomb.pdf", TestPdfs.inflationBomb(200L * 1024 * 1024), "LIMIT_EXCEEDED"),
                new Case("secret.pdf", TestPdfs.passwordProtected(), "UNSUPPORTED_MEDIA_TYPE"),
                new Case("long.mp4", TestVideos.silentMp4(25, tmp), "LIMIT_EXCEEDED"),
            };
            String token = localToken();
            Map<Case, JsonNode> jobs = uploadAllThenAwait(token, List.of(cases), Case::filename, Case::content);
            for (var entry : jobs.entrySet()) {
                JsonNode job = entry.getValue();
                assertThat(job.path("status").asText()).as(entry.getKey().filename()).isEqualTo("FAILED");
                assertThat(job.path("error").path("code").asText()).as(entry.getKey().filename())
                        .isEqualTo(entry.getKey().code());
                assertThat(job.path("error").path("message").asText()).as(entry.getKey().filename()).isNotBlank();
            }
            assertThat(bait.fetches()).as("the playlist's URL must never be fetched").isZero();

            JsonNode next = awaitTerminal(token, uploadAccepted(token, "after.jpg", jpeg));
            assertThat(next.path("status").asText()).isEqualTo("SUCCEEDED");
            // Every step's scratch directory is gone once its exchange ends, failed or not.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftovers()).isEmpty());
        }
    }
}
