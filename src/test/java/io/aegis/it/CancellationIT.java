package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.media.ToolProcesses;
import io.aegis.testmedia.TestAudio;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** DELETE /v1/jobs/{jobId}: a cancelled job stays CANCELLED and runs no further step. */
class CancellationIT extends PipelineTestSupport {

    // About 15 s of speech, under the test profile's 20 s limit: four 4 s chunks take the recogniser seconds.
    static final String LONG_SPEECH = "the harbour town depends on its fishing fleet which lands cod and haddock "
            + "every morning. the council has proposed a new cold storage plant for the remaining boats. "
            + "critics say the plant is too expensive for a town of three thousand people";

    @Autowired
    SqsClient sqs;

    @Autowired
    ToolProcesses tools;

    @Test
    void aJobCancelledWhileItTranscribesStaysCancelledAndNoLaterStepRuns() throws Exception {
        assumeThat(TestAudio.installed("flite", "ffmpeg", "pocketsphinx_continuous")).isTrue();
        String token = localToken();
        String jobId = uploadAccepted(token, "long-talk.mp3", TestAudio.speechMp3(LONG_SPEECH));
        // The recogniser of one of its chunks is running right now.
        await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(() -> !tools.of(jobId).isEmpty() && "RUNNING".equals(
                        step(getJson(token, "/v1/jobs/" + jobId), "transcribe").path("status").asText()));
        String assetId = getJson(token, "/v1/jobs/" + jobId).path("assetId").asText();

        ResponseEntity<String> cancel = delete(token, "/v1/jobs/" + jobId);

        assertThat(cancel.getStatusCode().value()).as(cancel.getBody()).isEqualTo(200);
        JsonNode cancelled = read(cancel.getBody());
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        JsonNode transcribe = step(cancelled, "transcribe");
        // Seconds of recognition remain, so it is all but always caught running; it may just have ended.
        if (!"SUCCEEDED".equals(transcribe.path("status").asText())) {
            assertThat(transcribe.path("status").asText()).isEqualTo("SKIPPED");
            assertThat(transcribe.path("error").path("code").asText()).isEqualTo("CANCELLED");
        }
        assertThat(step(cancelled, "summarize").path("status").asText()).isEqualTo("SKIPPED");
        cancelled.path("steps").forEach(step -> assertThat(step.path("status").asText()).isIn("SUCCEEDED", "SKIPPED"));

        // The running recogniser was killed, not left to finish: the transcription never completes.
        await().atMost(Duration.ofSeconds(10)).until(() -> tools.of(jobId).isEmpty());
        awaitDrained("aegis-media");
        awaitDrained("aegis-ai");
        // Nothing moves the job any more: not the killed step's end, not a late message.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode now = getJson(token, "/v1/jobs/" + jobId);
            assertThat(now.path("status").asText()).isEqualTo("CANCELLED");
            // Stored to the microsecond; the cancel answer shows the instant it wrote.
            assertThat(Instant.parse(now.path("updatedAt").asText()))
                    .isEqualTo(Instant.parse(cancelled.path("updatedAt").asText()).truncatedTo(ChronoUnit.MICROS));
        });
        JsonNode after = getJson(token, "/v1/jobs/" + jobId);
        assertThat(step(after, "transcribe").path("status").asText()).isEqualTo(transcribe.path("status").asText());
        assertThat(step(after, "summarize").path("attempts").asInt()).isZero();
        if (!"SUCCEEDED".equals(transcribe.path("status").asText())) {
            assertThat(getJson(token, "/v1/assets/" + assetId).path("insights").path("transcript").path("text").asText())
                    .as("no transcript recorded for a job cancelled mid-transcription").isEmpty();
        }
        assertThat(step(after, "embed").path("attempts").asInt()).isZero();

        ResponseEntity<String> again = delete(token, "/v1/jobs/" + jobId);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(read(again.getBody()).path("detail").asText()).contains("CANCELLED");
    }

    @Test
    void cancellingAFinishedJobIs409WithItsStatus() {
        String token = localToken();
        String jobId = uploadAccepted(token, "done.txt", "A short note.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");

        ResponseEntity<String> response = delete(token, "/v1/jobs/" + jobId);

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(read(response.getBody()).path("detail").asText()).contains("SUCCEEDED");
        assertThat(getJson(token, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anotherTenantsJobIs404AndUntouched() {
        String token = localToken();
        String jobId = uploadAccepted(token, "mine.txt", "Not yours to cancel.\n".getBytes(StandardCharsets.UTF_8));

        ResponseEntity<String> response = delete(token("aegis-other", READ_WRITE), "/v1/jobs/" + jobId);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(delete(token, "/v1/jobs/no-such-job").getStatusCode().value()).isEqualTo(404);
        assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void cancellingNeedsATokenWithTheWriteScope() {
        String token = localToken();
        String jobId = uploadAccepted(token, "guarded.txt", "Guarded.\n".getBytes(StandardCharsets.UTF_8));

        assertThat(delete(null, "/v1/jobs/" + jobId).getStatusCode().value()).isEqualTo(401);
        assertThat(delete(token("aegis-local", "media:read"), "/v1/jobs/" + jobId).getStatusCode().value())
                .isEqualTo(403);
        assertThat(awaitTerminal(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    private void awaitDrained(String queue) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }
}
