package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * A poison message: a step that keeps failing transiently is retried, then its message waits in the DLQ with the
 * reason while other jobs go on; once the step is fixed, redrive resumes the job at the step that failed.
 */
class DeadLetterIT extends PipelineTestSupport {

    private static final String ADMIN = "media:read media:write admin";

    @Autowired
    FaultInjection faults;

    @AfterEach
    void fixTheStep() {
        faults.switchOn(false);
    }

    @Test
    void aJobThatKeepsFailingWaitsInTheDlqAndResumesAtItsFailedStepWhenRedriven() {
        String admin = token("aegis-admin", ADMIN);
        byte[] text = UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8);
        faults.switchOn(true);

        String poisoned = uploadAccepted(admin, "poison-1.txt", text);
        String healthy = uploadAccepted(admin, "healthy-1.txt", text);
        JsonNode failed = awaitTerminal(admin, poisoned);

        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("INTERNAL");
        // The tenant reads a safe message; the exception's text is in the dead letter, for operators.
        assertThat(failed.path("error").path("message").asText())
                .doesNotContain("injected transient fault").doesNotContain("InjectedFault").endsWith("message kept in aegis-ai-dlq");
        assertThat(step(failed, "summarize").path("status").asText()).isEqualTo("FAILED");
        assertThat(step(failed, "summarize").path("attempts").asInt()).isEqualTo(3);
        assertThat(awaitTerminal(admin, healthy).path("status").asText()).isEqualTo("SUCCEEDED");

        JsonNode deadLetter = deadLetterOf(admin, poisoned).orElseThrow();
        assertThat(deadLetter.path("tenant").asText()).isEqualTo("local");
        assertThat(deadLetter.path("step").asText()).isEqualTo("summarize");
        assertThat(deadLetter.path("error").path("code").asText()).isEqualTo("INTERNAL");
        assertThat(deadLetter.path("error").path("message").asText()).contains("injected transient fault");
        assertThat(deadLetter.path("failedAt").asText()).isNotBlank();
        assertThat(read(deadLetter.path("body").asText()).path("type").asText()).isEqualTo("STEP_REQUESTED");
        assertThat(deadLetterOf(admin, poisoned)).as("peeking does not consume").isPresent();

        faults.switchOn(false);
        JsonNode redriven = read(post(admin, "/v1/admin/dlq/aegis-ai/redrive").getBody());
        assertThat(redriven.path("queue").asText()).isEqualTo("aegis-ai");
        assertThat(redriven.path("redriven").asInt()).isEqualTo(1);

        JsonNode resumed = awaitTerminal(admin, poisoned);
        assertThat(resumed.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(resumed.path("error").isNull() || resumed.path("error").isMissingNode()).isTrue();
        assertThat(step(resumed, "validate").path("attempts").asInt()).isEqualTo(1);
        assertThat(step(resumed, "metadata").path("attempts").asInt()).isEqualTo(1);
        assertThat(step(resumed, "summarize").path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(step(resumed, "summarize").path("attempts").asInt()).isEqualTo(4);
        assertThat(getJson(admin, "/v1/assets/" + resumed.path("assetId").asText())
                .path("insights").path("summary").path("text").asText()).isNotBlank();
        JsonNode aiDlq = aiQueue(getJson(admin, "/v1/admin/dlq"));
        assertThat(aiDlq.path("depth").asInt()).isZero();
        assertThat(aiDlq.path("messages")).isEmpty();
    }

    @Test
    void theAdminApiNeedsTheAdminScope() {
        assertThat(get(null, "/v1/admin/dlq").getStatusCode().value()).isEqualTo(401);
        assertThat(get(localToken(), "/v1/admin/dlq").getStatusCode().value()).isEqualTo(403);
        assertThat(post(localToken(), "/v1/admin/dlq/aegis-ai/redrive").getStatusCode().value()).isEqualTo(403);
        assertThat(post(null, "/v1/admin/dlq/aegis-ai/redrive").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void theAdminApiListsEveryQueueAndRefusesAnUnknownOne() {
        String admin = token("aegis-admin", ADMIN);

        JsonNode queues = getJson(admin, "/v1/admin/dlq").path("queues");
        ResponseEntity<String> unknown = post(admin, "/v1/admin/dlq/no-such-queue/redrive");

        assertThat(queues.findValuesAsText("queue"))
                .contains("aegis-jobs", "aegis-jobs-priority", "aegis-media", "aegis-ai", "aegis-ingest");
        assertThat(queues.findValuesAsText("dlq")).contains("aegis-media-dlq", "aegis-ai-dlq");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(read(post(admin, "/v1/admin/dlq/aegis-media-dlq/redrive").getBody()).path("queue").asText())
                .isEqualTo("aegis-media");
    }

    private Optional<JsonNode> deadLetterOf(String admin, String jobId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PIPELINE_TIMEOUT).until(() -> {
            found[0] = StreamSupport.stream(aiQueue(getJson(admin, "/v1/admin/dlq")).path("messages").spliterator(), false)
                    .filter(message -> jobId.equals(message.path("jobId").asText()))
                    .findFirst().orElse(null);
            return found[0] != null;
        });
        return Optional.ofNullable(found[0]);
    }

    private static JsonNode aiQueue(JsonNode report) {
        return StreamSupport.stream(report.path("queues").spliterator(), false)
                .filter(queue -> "aegis-ai".equals(queue.path("queue").asText()))
                .findFirst().orElseThrow();
    }

    private ResponseEntity<String> post(String token, String path) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(bearer(token)), String.class);
    }
}
