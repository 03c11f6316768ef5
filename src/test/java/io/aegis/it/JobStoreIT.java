package io.aegis.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.orchestrate.JobLifecycle;
import io.aegis.orchestrate.StepStart;
import io.aegis.platform.aws.ResourceNames;
import io.aegis.state.JobStatus;
import io.aegis.state.StepStatus;
import java.util.function.UnaryOperator;
import io.aegis.state.Job;
import io.aegis.state.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The jobs table against the embedded DynamoDB, as two processes see it: the application's store and a second
 * store on the same table (another worker, with its own remembered items). An update that starts from a remembered
 * copy another process has since changed must never overwrite that change, and the unfinished-jobs index holds
 * QUEUED and RUNNING jobs only.
 */
class JobStoreIT extends PipelineTestSupport {

    @Autowired
    org.apache.camel.CamelContext camel;

    @Autowired
    JobStore jobs;
    @Autowired
    DynamoDbClient dynamo;
    @Autowired
    ResourceNames names;
    @Autowired
    JobLifecycle lifecycle;

    @Test
    void anUpdateFromAStaleRememberedCopyKeepsTheOtherProcesssWrite() {
        JobStore otherWorker = new JobStore(dynamo, names, event -> { });
        String jobId = "store-" + UUID.randomUUID();
        assertThat(jobs.create(queued(jobId, "store-tenant"))).isTrue();
        jobs.update(jobId, job -> job.withMedia("text", "text/plain")); // remembered here at version 1

        otherWorker.update(jobId, job -> job.withSizeBytes(4242)); // version 2, behind this store's back
        Job after = jobs.update(jobId, job -> job.withPlannedSteps(List.of("summarize"), Instant.now())).orElseThrow();

        assertThat(after.version()).isEqualTo(3);
        Job stored = jobs.find(jobId).orElseThrow();
        assertThat(stored.sizeBytes()).as("the other worker's write").isEqualTo(4242);
        assertThat(stored.mediaType()).isEqualTo("text");
        assertThat(stored.step("summarize")).isPresent();
    }

    @Test
    void nothingToDoIsDecidedOnTheStoredJobNotARememberedOne() {
        JobStore otherWorker = new JobStore(dynamo, names, event -> { });
        String jobId = "store-" + UUID.randomUUID();
        jobs.create(queued(jobId, "store-tenant"));
        jobs.update(jobId, job -> job.withMedia("text", "text/plain")); // remembered here with a media type
        otherWorker.update(jobId, job -> job.withMedia(null, null));

        // On the remembered copy this is nothing to do; on the stored job (media type cleared) it is a write.
        Job after = jobs.update(jobId, job -> job.mediaType() == null ? job.withMedia("image", "image/png") : job)
                .orElseThrow();

        assertThat(after.mediaType()).isEqualTo("image");
        assertThat(jobs.find(jobId).orElseThrow().mediaType()).isEqualTo("image");
        assertThat(jobs.find(jobId).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void theUnfinishedIndexFindsQueuedAndRunningJobsThatStoppedMovingOnly() throws Exception {
        // The recovery pass would take these up at once: paused while the index is looked at.
        camel.getRouteController().stopRoute(io.aegis.orchestrate.RecoveryRoutes.ROUTE_ID);
        try {
            staleJobsAreFoundUntilTheyMove();
        } finally {
            camel.getRouteController().startRoute(io.aegis.orchestrate.RecoveryRoutes.ROUTE_ID);
        }
    }

    private void staleJobsAreFoundUntilTheyMove() {
        Instant longAgo = Instant.now().minusSeconds(24 * 3600);
        String oldQueued = "store-" + UUID.randomUUID();
        String oldRunning = "store-" + UUID.randomUUID();
        String oldFinished = "store-" + UUID.randomUUID();
        String fresh = "store-" + UUID.randomUUID();
        for (String id : List.of(oldQueued, oldRunning, oldFinished)) {
            jobs.create(Job.queued(id, "stale-tenant", "asset-" + id, "a.txt", 10, "raw/" + id, false,
                    List.of("validate"), longAgo));
        }
        jobs.create(queued(fresh, "stale-tenant"));
        jobs.update(oldRunning, job -> job.claimed(longAgo, longAgo.plusSeconds(60), "dead-worker"));
        jobs.update(oldFinished, job -> job.succeeded(longAgo));

        List<String> stale = jobs.unfinishedNotUpdatedSince(Instant.now().minusSeconds(3600), 10_000);

        assertThat(stale).contains(oldQueued, oldRunning).doesNotContain(oldFinished, fresh);
        // Once it moves, it is no longer a candidate.
        jobs.update(oldQueued, job -> job.touched(Instant.now()));
        assertThat(jobs.unfinishedNotUpdatedSince(Instant.now().minusSeconds(3600), 10_000)).doesNotContain(oldQueued);
        // Ended, so no later recovery pass acts on these made-up jobs.
        List.of(oldQueued, oldRunning).forEach(id -> jobs.update(id, job -> job.cancelled(Instant.now())));
    }

    @Test
    void theLastPlannedStepEndsTheJobInTheSameWriteAndAnEarlierOneDoesNot() {
        String jobId = "store-" + UUID.randomUUID();
        jobs.create(Job.queued(jobId, "store-tenant", "asset-" + jobId, "a.txt", 10, "raw/" + jobId, false,
                List.of(), Instant.now()));
        lifecycle.claim(jobId, "holder");
        lifecycle.plan(jobId, List.of("summarize", "embed"));

        assertThat(lifecycle.startStep(jobId, "summarize", "holder").outcome()).isEqualTo(StepStart.Outcome.STARTED);
        Job afterFirst = lifecycle.finishStep(jobId, "summarize", StepStatus.SUCCEEDED, UnaryOperator.identity());
        assertThat(afterFirst.status()).isEqualTo(JobStatus.RUNNING);

        long before = lifecycle.startStep(jobId, "embed", "holder").job().version();
        Job afterLast = lifecycle.finishStep(jobId, "embed", StepStatus.SUCCEEDED, job -> job.withSizeBytes(77));

        assertThat(afterLast.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(afterLast.version()).as("one write ended the step, recorded its finding and the job").isEqualTo(before + 1);
        Job stored = jobs.find(jobId).orElseThrow();
        assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(stored.sizeBytes()).isEqualTo(77);
        assertThat(stored.step("embed").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    private static Job queued(String jobId, String tenant) {
        return Job.queued(jobId, tenant, "asset-" + jobId, "a.txt", 10, "raw/" + jobId, false,
                List.of("validate", "metadata"), Instant.now());
    }
}
