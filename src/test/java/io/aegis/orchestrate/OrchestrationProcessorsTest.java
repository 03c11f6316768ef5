package io.aegis.orchestrate;

import static io.aegis.orchestrate.JobTable.delivery;
import static io.aegis.orchestrate.JobTable.stepDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.StepStatus;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * The processors the orchestration routes branch on (JobClaimer, StepStarter, PlanAdvancer), over the jobs table: the
 * exchange properties and headers they leave are what {@code OrchestrationRoutes} and {@code PipelineRoutes} choose by.
 */
class OrchestrationProcessorsTest {

    private final JobTable table = new JobTable();

    private Exchange claim(Job job) throws Exception {
        Exchange exchange = delivery(JobMessage.jobCreated(job.jobId(), job.tenant(), job.assetId()));
        table.claimer.process(exchange);
        return exchange;
    }

    @Test
    void jobClaimerClaimsAQueuedJobUnderTheDeliverysLease() throws Exception {
        Job queued = table.queuedJob("t");

        Exchange exchange = claim(queued);

        assertThat(exchange.getProperty(JobClaimer.CLAIMED, Boolean.class)).isTrue();
        assertThat(exchange.getProperty(StepStarter.BUSY_UNTIL)).isNull();
        assertThat(exchange.getMessage().getHeader(AegisHeaders.TENANT)).isEqualTo("t");
        assertThat(exchange.getMessage().getHeader(AegisHeaders.RAW_KEY)).isEqualTo(queued.rawKey());
        assertThat(table.job(queued.jobId()).leaseHolder()).isEqualTo(exchange.getExchangeId());
    }

    @Test
    void jobClaimerDefersAJobHeldUnderAnotherDeliverysLiveLeaseUntilTheLeaseEnds() throws Exception {
        Job queued = table.queuedJob("t");
        claim(queued);
        Instant lease = table.job(queued.jobId()).leaseUntil();

        Exchange duplicate = claim(queued);

        assertThat(duplicate.getProperty(JobClaimer.CLAIMED, Boolean.class)).isFalse();
        assertThat(duplicate.getProperty(StepStarter.BUSY_UNTIL)).as("sent again for when the lease ends").isEqualTo(lease);
    }

    @Test
    void jobClaimerDropsTheMessageOfAFinishedOrMissingJob() throws Exception {
        Job queued = table.queuedJob("t");
        table.lifecycle.cancel(queued.jobId(), "t");

        Exchange cancelled = claim(queued);
        Exchange missing = delivery(JobMessage.jobCreated("no-such-job", "t", "a"));
        table.claimer.process(missing);

        for (Exchange exchange : List.of(cancelled, missing)) {
            assertThat(exchange.getProperty(JobClaimer.CLAIMED, Boolean.class)).isFalse();
            assertThat(exchange.getProperty(StepStarter.BUSY_UNTIL)).as("neither run nor deferred: dropped").isNull();
        }
        assertThat(table.job(queued.jobId()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void jobClaimerKeepsAJobOverItsTenantsRunningLimitQueuedUntilASlotIsFree() throws Exception {
        Job first = table.queuedJob(JobTable.LIMITED_TENANT);
        Job second = table.queuedJob(JobTable.LIMITED_TENANT);
        JobTable other = table.otherProcess();
        assertThat(claim(first).getProperty(JobClaimer.CLAIMED, Boolean.class)).isTrue();

        Exchange waiting = delivery(JobMessage.jobCreated(second.jobId(), second.tenant(), second.assetId()));
        other.claimer.process(waiting);

        assertThat(waiting.getProperty(JobClaimer.CLAIMED, Boolean.class)).isFalse();
        assertThat(waiting.getProperty(StepStarter.BUSY_UNTIL, Instant.class))
                .as("asks again after the tenant's retry delay").isAfter(Instant.now().plusSeconds(5));
        assertThat(table.job(second.jobId()).status()).isEqualTo(JobStatus.QUEUED);
        Exchange otherTenant = claim(table.queuedJob("unlimited"));
        assertThat(otherTenant.getProperty(JobClaimer.CLAIMED, Boolean.class)).as("other tenants are not held up").isTrue();

        table.lifecycle.cancel(first.jobId(), first.tenant());

        assertThat(claim(second).getProperty(JobClaimer.CLAIMED, Boolean.class)).as("the ended job gave its slot back").isTrue();
    }

    @Test
    void stepStarterStartsAStepOnceAndFindsADuplicateDeliveryBusyUntilTheLeaseEnds() {
        Job running = table.runningJob("t", List.of("thumbnail"));

        Exchange first = stepDelivery(running, "thumbnail");
        table.starter.process(first);
        Exchange duplicate = stepDelivery(running, "thumbnail");
        table.starter.process(duplicate);

        assertThat(first.getProperty(StepStarter.OUTCOME)).isEqualTo(StepStart.Outcome.STARTED);
        assertThat(first.getMessage().getHeader(AegisHeaders.ASSET_ID)).isEqualTo(running.assetId());
        Job stored = table.job(running.jobId());
        assertThat(stored.step("thumbnail").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
        assertThat(stored.leaseHolder()).isEqualTo(first.getExchangeId());
        assertThat(duplicate.getProperty(StepStarter.OUTCOME)).isEqualTo(StepStart.Outcome.BUSY);
        assertThat(duplicate.getProperty(StepStarter.BUSY_UNTIL)).isEqualTo(stored.leaseUntil());
        assertThat(stored.step("thumbnail").orElseThrow().attempts()).as("the duplicate is no attempt").isEqualTo(1);

        table.starter.process(first);
        assertThat(first.getProperty(StepStarter.OUTCOME)).as("the holder's own redelivery (a retry) runs it again")
                .isEqualTo(StepStart.Outcome.STARTED);
        assertThat(table.job(running.jobId()).step("thumbnail").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void stepStarterSkipsAStepThatAlreadySucceededButKeepsWhatItFound() {
        Job running = table.runningJob("t", List.of("thumbnail"));
        table.store.update(running.jobId(), job -> new Job(job.jobId(), job.tenant(), job.assetId(), job.status(), "image",
                "image/jpeg", job.filename(), job.sizeBytes(), job.rawKey(), job.priority(), job.steps(), job.error(),
                job.createdAt(), job.updatedAt(), job.leaseUntil(), job.leaseHolder(), job.recoveries(), job.version()));

        Exchange again = stepDelivery(running, "metadata");
        table.starter.process(again);

        assertThat(again.getProperty(StepStarter.OUTCOME)).isEqualTo(StepStart.Outcome.DONE);
        assertThat(again.getMessage().getHeader(AegisHeaders.MEDIA_TYPE)).as("as if metadata had run").isEqualTo("image");
        assertThat(table.job(running.jobId()).step("metadata").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void planAdvancerSendsTheFirstUnfinishedStepToItsWorkersQueue() {
        Job running = table.runningJob("t", List.of("thumbnail", "summarize"));
        table.lifecycle.startStep(running.jobId(), "thumbnail", "d");
        table.lifecycle.finishStep(running.jobId(), "thumbnail", StepStatus.SUCCEEDED, job -> job);

        Exchange exchange = stepDelivery(running, "thumbnail");
        table.advancer.process(exchange);

        assertThat(exchange.getMessage().getHeader(AegisHeaders.NEXT_QUEUE)).isEqualTo("aegis-ai");
        assertThat(exchange.getMessage().getBody()).isEqualTo(
                JobMessage.stepRequested(running.jobId(), "t", running.assetId(), "summarize"));
        assertThat(table.job(running.jobId()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void planAdvancerSucceedsAJobWithNothingLeftAndSendsNothingForAnEndedJob() {
        Job done = table.runningJob("t", List.of());
        Job cancelled = table.runningJob("t", List.of("thumbnail"));
        table.lifecycle.cancel(cancelled.jobId(), "t");

        Exchange last = stepDelivery(done, "metadata");
        last.getMessage().setHeader(AegisHeaders.NEXT_QUEUE, "left-over");
        table.advancer.process(last);
        Exchange ended = stepDelivery(cancelled, "metadata");
        table.advancer.process(ended);

        assertThat(table.job(done.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(last.getMessage().getHeader(AegisHeaders.NEXT_QUEUE)).isNull();
        assertThat(ended.getMessage().getHeader(AegisHeaders.NEXT_QUEUE)).isNull();
        assertThat(table.job(cancelled.jobId()).status()).isEqualTo(JobStatus.CANCELLED);
    }
}
