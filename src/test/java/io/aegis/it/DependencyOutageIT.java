package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * S3, SQS and DynamoDB reached over a network that fails: the app runs in its "external AWS" mode against
 * servers behind proxies the test cuts. While a service is down the app keeps running, readiness says which
 * one, uploads answer 503 with Retry-After, and work waits; when it returns, every job accepted finishes and
 * nothing is dead-lettered. Its own context (other servers), closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "aegis.aws.embedded=false",
        "aegis.aws.access-key=local",
        "aegis.aws.secret-key=local-secret",
        // A rolled-back message is back within seconds.
        "aegis.queues.visibility-timeout-seconds=5"})
@DirtiesContext
class DependencyOutageIT extends PipelineTestSupport {

    private static final ChildAwsServers servers = ChildAwsServers.start();
    private static final CuttableProxy s3 = proxy("s3", servers.props().s3Port());
    private static final CuttableProxy sqsLink = proxy("sqs", servers.props().sqsPort());
    private static final CuttableProxy dynamodb = proxy("dynamodb", servers.props().dynamodbPort());

    @DynamicPropertySource
    static void endpointsThroughTheProxies(DynamicPropertyRegistry registry) {
        registry.add("aegis.aws.s3-endpoint", () -> "http://127.0.0.1:" + s3.port());
        registry.add("aegis.aws.sqs-endpoint", () -> "http://127.0.0.1:" + sqsLink.port());
        registry.add("aegis.aws.dynamodb-endpoint", () -> "http://127.0.0.1:" + dynamodb.port());
    }

    @AfterAll
    static void stopServers() {
        s3.close();
        sqsLink.close();
        dynamodb.close();
        servers.close();
    }

    @Autowired
    FaultInjection faults;

    @Autowired
    SqsClient sqs;

    @Test
    void whileSqsIsDownUploadsAre503AndNoJobWaitsForeverThenWorkResumes() {
        String token = localToken();
        sqsLink.cut();
        try {
            awaitReadiness("sqs", "DOWN");

            ResponseEntity<String> refused = upload(token, "during-outage.txt", "Queued while SQS is down.\n".getBytes());

            assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(503);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(read(refused.getBody()).path("detail").asText()).contains("try again");
            // The job it had recorded says why it ended; none is left QUEUED for a message never sent.
            JsonNode jobs = getJson(token, "/v1/jobs?limit=100");
            jobs.path("jobs").forEach(job -> assertThat(job.path("status").asText()).isNotEqualTo("QUEUED"));
        } finally {
            sqsLink.restore();
        }
        awaitReadiness("sqs", "UP");

        String jobId = uploadAccepted(token, "after-outage.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        assertThat(awaitEnd(token, jobId).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aStepThatCannotRecordItsEndBecauseDynamoDbIsDownIsRunAgainOnceItIsBackAndNothingIsDeadLettered() {
        String token = localToken();
        faults.hold();
        String jobId;
        try {
            jobId = uploadAccepted(token, "hold-outage.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
            awaitJob(token, jobId, job -> "RUNNING".equals(stepStatus(job, "summarize")));
            dynamodb.cut();
        } finally {
            faults.release();
        }
        try {
            // The step finishes its work but cannot write it down.
            awaitReadiness("dynamodb", "DOWN");
            assertThat(get(token, "/v1/jobs/" + jobId).getStatusCode().value()).isEqualTo(503);
        } finally {
            dynamodb.restore();
        }

        JsonNode finished = awaitEnd(token, jobId);

        assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        finished.path("steps").forEach(step -> assertThat(step.path("status").asText()).isEqualTo("SUCCEEDED"));
        for (String dlq : new String[] {"aegis-jobs-dlq", "aegis-media-dlq", "aegis-ai-dlq"}) {
            String url = sqs.getQueueUrl(b -> b.queueName(dlq)).queueUrl();
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).as(dlq).isEqualTo("0");
        }
    }

    private void awaitReadiness(String component, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                status.equals(read(get(null, "/actuator/health/readiness").getBody())
                        .path("components").path(component).path("status").asText()));
    }

    // Like awaitTerminal, but a 503 while a service comes back is just another poll.
    private JsonNode awaitEnd(String token, String jobId) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            last[0] = getJson(token, "/v1/jobs/" + jobId);
            return switch (last[0].path("status").asText()) {
                case "SUCCEEDED", "FAILED", "CANCELLED" -> true;
                default -> false;
            };
        });
        return last[0];
    }

    private static CuttableProxy proxy(String name, int port) {
        try {
            return new CuttableProxy(name, port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
