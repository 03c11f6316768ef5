package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS delivers at least once: a duplicate JOB_CREATED or STEP_REQUESTED must never run a step twice. */
class DuplicateDeliveryIT extends PipelineTestSupport {

    @Autowired
    SqsClient sqs;

    @Autowired
    FaultInjection faults;

    @Test
    void aDuplicateJobCreatedWhileTheJobRunsOrAfterItEndedRunsNothingTwice() throws Exception {
        String token = localToken();
        String jobId = uploadAccepted(token, "twice.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        JsonNode accepted = getJson(token, "/v1/jobs/" + jobId);
        String duplicate = json.writeValueAsString(Map.of("type", "JOB_CREATED", "jobId", jobId,
                "tenant", "local", "assetId", accepted.path("assetId").asText()));
        String queueUrl = sqs.getQueueUrl(b -> b.queueName("aegis-jobs")).queueUrl();

        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(duplicate));
        JsonNode finished = awaitTerminal(token, jobId);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(duplicate));
        awaitDrained(queueUrl);
        awaitDrained(sqs.getQueueUrl(b -> b.queueName("aegis-ai")).queueUrl());

        JsonNode after = getJson(token, "/v1/jobs/" + jobId);
        assertThat(after.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(after.path("updatedAt").asText()).isEqualTo(finished.path("updatedAt").asText());
        after.path("steps").forEach(step -> assertThat(step.path("attempts").asInt())
                .as("attempts of %s", step.path("name").asText()).isEqualTo(1));
    }

    @Test
    void aDuplicateStepRequestWhileTheStepRunsElsewhereComesBackLaterAndRunsNothingTwice() throws Exception {
        String token = localToken();
        faults.hold();
        try {
            String jobId = uploadAccepted(token, "hold-twice.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
            JsonNode running = awaitJob(token, jobId, job -> "RUNNING".equals(stepStatus(job, "summarize")));
            String aiQueue = sqs.getQueueUrl(b -> b.queueName("aegis-ai")).queueUrl();

            // Another delivery of the step while the first worker is still at it (the fault holds it running).
            String duplicate = stepRequested(running, "summarize");
            sqs.sendMessage(b -> b.queueUrl(aiQueue).messageBody(duplicate));

            // Not run, not dropped: back on the queue, delayed until the running worker's lease would lapse.
            await().atMost(PIPELINE_TIMEOUT).until(() -> "1".equals(sqs.getQueueAttributes(b -> b.queueUrl(aiQueue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
            assertThat(step(getJson(token, "/v1/jobs/" + jobId), "summarize").path("attempts").asInt()).isEqualTo(1);
            faults.release();

            JsonNode finished = awaitTerminal(token, jobId);
            awaitDrained(aiQueue);
            JsonNode after = getJson(token, "/v1/jobs/" + jobId);
            assertThat(after.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(after.path("updatedAt").asText()).isEqualTo(finished.path("updatedAt").asText());
            after.path("steps").forEach(step -> assertThat(step.path("attempts").asInt())
                    .as("attempts of %s", step.path("name").asText()).isEqualTo(1));
        } finally {
            faults.release();
        }
    }

    private String stepRequested(JsonNode job, String step) throws Exception {
        return json.writeValueAsString(Map.of("type", "STEP_REQUESTED", "jobId", job.path("jobId").asText(),
                "tenant", "local", "assetId", job.path("assetId").asText(), "step", step));
    }

    private void awaitDrained(String queueUrl) {
        await().atMost(PIPELINE_TIMEOUT).until(() -> {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }
}
