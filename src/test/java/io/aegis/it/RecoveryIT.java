package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aegis.orchestrate.RecoveryRoutes;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The recovery pass (aegis.recovery: every second here, stranded after 20 s of no progress): a job whose message
 * vanished is announced again and completes; one whose recoveries are used up fails STRANDED; a message SQS's
 * redrive policy moved to a DLQ fails its job naming the DLQ; and stranded RUNNING jobs do not keep their tenant's
 * running-job slots from its next job. The job consumer is paused while a test takes a message away behind its back.
 */
class RecoveryIT extends PipelineTestSupport {

    private static final String JOBS_CONSUMER = "orchestrate.jobs";

    @Autowired
    CamelContext camel;

    @Autowired
    SqsClient sqs;

    @Autowired
    JobStore jobs;

    @Autowired
    MeterRegistry metrics;

    @Autowired
    RunningJobSlots slots;

    @Test
    void aJobWhoseMessageWasDeletedBehindItsBackIsAnnouncedAgainAndSucceeds() throws Exception {
        String token = localToken();
        double before = recoveries("reannounced");
        String jobId;
        camel.getRouteController().stopRoute(JOBS_CONSUMER);
        try {
            jobId = uploadAccepted(token, "vanished.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
            // Its JOB_CREATED is taken off the queue: nothing will ever deliver it.
            Message taken = awaitMessageOf("aegis-jobs", jobId);
            sqs.deleteMessage(b -> b.queueUrl(url("aegis-jobs")).receiptHandle(taken.receiptHandle()));
        } finally {
            camel.getRouteController().startRoute(JOBS_CONSUMER);
        }
        assertThat(getJson(token, "/v1/jobs/" + jobId).path("status").asText()).isEqualTo("QUEUED");

        // stranded-after (20 s) + a pass, then the ordinary pipeline.
        JsonNode job = awaitTerminal(token, jobId);

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("steps")).allSatisfy(step -> assertThat(step.path("attempts").asInt()).isEqualTo(1));
        assertThat(jobs.find(jobId).orElseThrow().recoveries()).isEqualTo(1);
        assertThat(recoveries("reannounced")).isGreaterThan(before);
    }

    @Test
    void aJobStillStrandedOnceItsRecoveriesAreUsedUpEndsFailedStranded() {
        double before = recoveries("stranded");
        String jobId = UUID.randomUUID().toString();
        // Announced again three times already (max-recoveries) and still nothing moved it: no message left anywhere.
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        Job stranded = Job.queued(jobId, "local", "asset-" + jobId, "lost.txt", 10, "local/none/" + jobId, false,
                List.of("validate", "metadata"), longAgo).recovered(longAgo).recovered(longAgo).recovered(longAgo);
        jobs.create(stranded);

        JsonNode job = awaitJob(localToken(), jobId, j -> j.path("status").asText().equals("FAILED"));

        assertThat(job.path("error").path("code").asText()).isEqualTo("STRANDED");
        assertThat(job.path("error").path("message").asText()).contains("3 time(s)");
        assertThat(recoveries("stranded")).isGreaterThan(before);
    }

    @Test
    void aMessageTheRedrivePolicyMovedToTheDlqFailsItsJobNamingTheDlq() throws Exception {
        String token = localToken();
        String jobId;
        camel.getRouteController().stopRoute(JOBS_CONSUMER);
        try {
            jobId = uploadAccepted(token, "poison.txt", "a few words".getBytes(StandardCharsets.UTF_8));
            Message first = awaitMessageOf("aegis-jobs", jobId);
            sqs.changeMessageVisibility(b -> b.queueUrl(url("aegis-jobs")).receiptHandle(first.receiptHandle())
                    .visibilityTimeout(0));
            // Received max-receive-count (5) times and never deleted, as by a worker that dies each time: SQS itself
            // moves it to aegis-jobs-dlq on the next receive.
            for (int i = 0; i < 8; i++) {
                sqs.receiveMessage(b -> b.queueUrl(url("aegis-jobs")).visibilityTimeout(0).maxNumberOfMessages(10));
            }
        } finally {
            camel.getRouteController().startRoute(JOBS_CONSUMER);
        }

        JsonNode job = awaitJob(token, jobId, j -> j.path("status").asText().equals("FAILED"));

        assertThat(job.path("error").path("code").asText()).isEqualTo("INTERNAL");
        assertThat(job.path("error").path("message").asText()).contains("aegis-jobs-dlq").contains("redrive");
        // The letter stays in the DLQ for an operator to redrive; this test takes its own away again.
        Message letter = awaitMessageOf("aegis-jobs-dlq", jobId);
        sqs.deleteMessage(b -> b.queueUrl(url("aegis-jobs-dlq")).receiptHandle(letter.receiptHandle()));
    }

    @Test
    void aTenantWithFourStrandedRunningJobsStillGetsItsNewJobsRun() throws Exception {
        // Tenant "stranded" may run 4 jobs at once (test profile). Four RUNNING jobs whose worker died: leases lapsed.
        // The recovery pass is paused: this is about the limit alone, and the four must stay stranded throughout.
        camel.getRouteController().stopRoute(RecoveryRoutes.ROUTE_ID);
        List<String> stranded = new ArrayList<>();
        try {
            fourStrandedJobsDoNotHoldTheTenantsSlots(stranded);
        } finally {
            // Ended, so they give their slots back and no later pass takes them up.
            stranded.forEach(id -> jobs.update(id, j -> j.cancelled(Instant.now())));
            camel.getRouteController().startRoute(RecoveryRoutes.ROUTE_ID);
        }
    }

    private void fourStrandedJobsDoNotHoldTheTenantsSlots(List<String> stranded) {
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            String id = UUID.randomUUID().toString();
            jobs.create(Job.queued(id, "stranded", "asset-" + id, "old.txt", 10, "stranded/none/" + id, false,
                    List.of("validate", "metadata"), now));
            // Each took one of the tenant's slots when it was claimed, as any job does, then its worker died.
            assertThat(slots.take("stranded", id, 4)).isTrue();
            jobs.update(id, job -> job.claimed(now, now.minusSeconds(1), "dead-worker"));
            stranded.add(id);
        }
        String token = token("aegis-stranded", READ_WRITE);

        String jobId = uploadAccepted(token, "next.txt", UploadPipelineIT.ARTICLE.getBytes(StandardCharsets.UTF_8));
        JsonNode job = awaitTerminal(token, jobId);

        assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED");
        // It ran while the four were still stranded (before any recovery pass took them up).
        assertThat(stranded).allSatisfy(id -> {
            Job still = jobs.find(id).orElseThrow();
            assertThat(still.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(still.leaseHolder()).isEqualTo("dead-worker");
        });
    }

    private Message awaitMessageOf(String queue, String jobId) {
        Message[] found = new Message[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(url(queue)).maxNumberOfMessages(10)
                    .visibilityTimeout(30).waitTimeSeconds(1)).messages()) {
                if (message.body().contains(jobId)) {
                    found[0] = message;
                    return true;
                }
                // Someone else's: back on the queue at once.
                sqs.changeMessageVisibility(b -> b.queueUrl(url(queue)).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            }
            return false;
        });
        return found[0];
    }

    private String url(String queue) {
        return sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    }

    private double recoveries(String outcome) {
        var counter = metrics.find("aegis.jobs.recovery").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
