package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.state.Job;
import io.aegis.state.JobStore;
import io.aegis.testmedia.TestAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Steps are bounded whatever a file claims and whatever their work does: a recording that hides hours of sound
 * behind a header claiming one second is cut at the duration limit (LIMIT_EXCEEDED) with a bounded scratch file,
 * and a step that outlives its timeout (in-JVM work that ignores interrupts) ends PROCESSING_TIMEOUT with its lease
 * released, while its thread is still busy.
 */
class StepBoundsIT extends PipelineTestSupport {

    @Autowired
    FaultInjection faults;

    @Autowired
    JobStore jobs;

    @Value("${aegis.media.work-dir}")
    Path workDir;

    @Value("${aegis.media.video.max-duration}")
    Duration maxDuration;

    @Test
    void aStreamClaimingOneSecondButHoldingTwoHoursOfSoundEndsLimitExceededWithBoundedDiskUse() {
        byte[] flac = TestAudio.flacClaimingLessThanItHolds(1, 2 * 3600);
        assertThat(flac.length).as("two hours of silence, compressed").isLessThan(100_000);
        // 16 kHz mono 16-bit for the limit plus a second, the original, and room for a header: nothing like 230 MB.
        long bound = (maxDuration.toSeconds() + 1) * 32_000 + flac.length + 64 * 1024;

        AtomicLong mostUsed = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> mostUsed.accumulateAndGet(bytesUnder(workDir), Math::max), 0, 20, TimeUnit.MILLISECONDS);
        try {
            String token = localToken();
            String jobId = uploadAccepted(token, "lecture.flac", flac);
            JsonNode[] job = new JsonNode[1];
            await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                job[0] = getJson(token, "/v1/jobs/" + jobId);
                return mostUsed.get() > bound || job[0].path("status").asText().matches("SUCCEEDED|FAILED|CANCELLED");
            });
            assertThat(mostUsed.get()).as("most bytes in the work folder at once").isLessThanOrEqualTo(bound);
            assertThat(job[0].path("status").asText()).isEqualTo("FAILED");
            assertThat(job[0].path("error").path("code").asText()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(stepStatus(job[0], "metadata")).as("the header's one second passed the probe").isEqualTo("SUCCEEDED");
            assertThat(stepStatus(job[0], "extract-audio")).isEqualTo("FAILED");
        } finally {
            sampler.shutdownNow();
        }
    }

    @Test
    void aStepThatOutlivesItsTimeoutEndsProcessingTimeoutAndReleasesItsLease() {
        String token = localToken();
        faults.stall(Duration.ofSeconds(2));
        try {
            String jobId = uploadAccepted(token, "stall-notes.txt", UploadPipelineIT.ARTICLE.getBytes());
            // Well before the stalled work would end on its own (a minute): the deadline, not the work, ends it.
            JsonNode failed = awaitJob(token, jobId, job -> job.path("status").asText().equals("FAILED"));

            assertThat(failed.path("error").path("code").asText()).isEqualTo("PROCESSING_TIMEOUT");
            assertThat(step(failed, "summarize").path("status").asText()).isEqualTo("FAILED");
            assertThat(step(failed, "summarize").path("error").path("code").asText()).isEqualTo("PROCESSING_TIMEOUT");
            Job stored = jobs.find(jobId).orElseThrow();
            assertThat(stored.leaseHolder()).as("lease released").isNull();
            assertThat(stored.leaseUntil()).isNull();
        } finally {
            faults.endStall();
        }
        // The worker that ran the stalled step takes the next job.
        JsonNode next = awaitTerminal(token, uploadAccepted(token, "after-stall.txt", UploadPipelineIT.ARTICLE.getBytes()));
        assertThat(next.path("status").asText()).isEqualTo("SUCCEEDED");
    }

    private static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a folder went while we walked it
        }
    }
}
