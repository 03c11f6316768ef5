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

/** SQS delivers at least once: a duplicate JOB_CREATED must never run a job's steps again. */
class DuplicateDeliveryIT extends PipelineTestSupport {

    @Autowired
    SqsClient sqs;

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

    private void awaitDrained(String queueUrl) {
        await().atMost(PIPELINE_TIMEOUT).until(() -> {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    && "0".equals(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        });
    }
}
