package io.aegis.orchestrate;

import static io.aegis.orchestrate.JobTable.delivery;
import static io.aegis.orchestrate.JobTable.stepDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.RunningJobSlots;
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
    void aJobOverItsTenantsRunningLimitWaitsOnTheWaitingListAndIsWokenWhenASlotIsGivenBack() throws Exception {
        Job first = table.queuedJob(JobTable.LIMITED_TENANT);
        Job second = table.queuedJob(JobTable.LIMITED_TENANT);
        JobTable other = table.otherProcess();
        assertThat(claim(first).getProperty(JobClaimer.CLAIMED, Boolean.class)).isTrue();

        Exchange waiting = delivery(JobMessage.jobCreated(second.jobId(), second.tenant(), second.assetId()));
        other.claimer.process(waiting);

        assertThat(waiting.getProperty(JobClaimer.CLAIMED, Boolean.class)).isFalse();
        assertThat(waiting.getProperty(StepStarter.BUSY_UNTIL, Instant.class))
                .as("its fallback copy comes back after the retry delay, not sooner")
                .isAfter(Instant.now().plus(JobTable.RETRY_DELAY).minusSeconds(5));
        assertThat(waiting.getProperty(StepDeferrer.RESEND_BODY, String.class)).contains(JobMessage.JOB_WAITING);
        assertThat(table.slots.waiting(JobTable.LIMITED_TENANT)).containsExactly(RunningJobSlots.waitingEntry(second));
        assertThat(table.job(second.jobId()).status()).isEqualTo(JobStatus.QUEUED);
        Exchange otherTenant = claim(table.queuedJob("unlimited"));
        assertThat(otherTenant.getProperty(JobClaimer.CLAIMED, Boolean.class)).as("other tenants are not held up").isTrue();
        assertThat(table.woken).isEmpty();

        table.lifecycle.cancel(first.jobId(), first.tenant()); // ends in this process: it gives the slot back

        assertThat(table.woken).as("woken at once by whoever gave the slot back").containsExactly(second.jobId());
        assertThat(table.slots.waiting(JobTable.LIMITED_TENANT)).isEmpty();
        assertThat(claim(second).getProperty(JobClaimer.CLAIMED, Boolean.class)).as("the wake-up claims it").isTrue();
        Exchange copy = delivery(JobMessage.jobCreated(second.jobId(), second.tenant(), second.assetId()).waitingForSlot());
        other.claimer.process(copy);
        assertThat(copy.getProperty(JobClaimer.CLAIMED, Boolean.class)).isFalse();
        assertThat(copy.getProperty(StepStarter.BUSY_UNTIL)).as("the fallback copy of a woken job is dropped").isNull();
    }

    @Test
    void aWaitingJobWhoseWakeUpIsLostRunsFromItsFallbackCopy() throws Exception {
        Job first = table.queuedJob(JobTable.LIMITED_TENANT);
        Job second = table.queuedJob(JobTable.LIMITED_TENANT);
        claim(first);
        Exchange waiting = claim(second);
        table.lifecycle.cancel(first.jobId(), first.tenant());
        assertThat(table.woken).containsExactly(second.jobId()); // and that JOB_CREATED is lost (its sender died)

        Exchange copy = delivery(JobMessage.jobCreated(second.jobId(), second.tenant(), second.assetId()).waitingForSlot());
        table.otherProcess().claimer.process(copy);

        assertThat(waiting.getProperty(StepDeferrer.RESEND_BODY, String.class)).isNotNull();
        assertThat(copy.getProperty(JobClaimer.CLAIMED, Boolean.class)).isTrue();
        assertThat(table.slots.holders(JobTable.LIMITED_TENANT)).containsExactly(second.jobId());
    }

    @Test
    void aFallbackCopyWhoseDeliveryDiedBetweenTheJobsStepsComesBackAndResumesIt() throws Exception {
        Job first = table.queuedJob(JobTable.LIMITED_TENANT);
        Job second = table.queuedJob(JobTable.LIMITED_TENANT);
        claim(first);
        claim(second);
        table.lifecycle.cancel(first.jobId(), first.tenant()); // its wake-up JOB_CREATED is lost (its sender died)
        Exchange copy = delivery(JobMessage.jobCreated(second.jobId(), second.tenant(), second.assetId()).waitingForSlot());
        table.claimer.process(copy);
        assertThat(copy.getProperty(JobClaimer.CLAIMED, Boolean.class)).as("the copy claims the woken job").isTrue();
        // The copy's delivery finished validate, then its process was killed before the next step: no message carries
        // the job on but this delivery, which SQS hands out again once its visibility timeout ends.
        Instant now = Instant.now();
        table.store.update(second.jobId(), job -> job.stepFinished("validate", StepStatus.SUCCEEDED, null, now)
                .withLease(now, now.minusSeconds(1)));

        Exchange again = delivery(JobMessage.jobCreated(second.jobId(), second.tenant(), second.assetId()).waitingForSlot());
        table.otherProcess().claimer.process(again);

        assertThat(again.getProperty(JobClaimer.CLAIMED, Boolean.class)).as("the copy, delivered again, resumes its job")
                .isTrue();
        assertThat(table.slots.holders(JobTable.LIMITED_TENANT)).containsExactly(second.jobId());
    }

    @Test
    void aCancelledWaitingJobLeavesTheWaitingListAndIsNeitherWokenNorRun() throws Exception {
        Job first = table.queuedJob(JobTable.LIMITED_TENANT);
        Job cancelled = table.queuedJob(JobTable.LIMITED_TENANT);
        Job third = table.queuedJob(JobTable.LIMITED_TENANT);
        claim(first);
        claim(cancelled);
        claim(third);
        assertThat(table.slots.waiting(JobTable.LIMITED_TENANT)).hasSize(2);

        table.otherProcess().lifecycle.cancel(cancelled.jobId(), cancelled.tenant());

        assertThat(table.slots.waiting(JobTable.LIMITED_TENANT)).containsExactly(RunningJobSlots.waitingEntry(third));
        assertThat(table.woken).as("it held no slot: nobody is woken").isEmpty();
        table.lifecycle.cancel(first.jobId(), first.tenant());
        assertThat(table.woken).as("the slot goes to the next job still waiting").containsExactly(third.jobId());
        Exchange copy = delivery(JobMessage.jobCreated(cancelled.jobId(), cancelled.tenant(), cancelled.assetId()).waitingForSlot());
        table.claimer.process(copy);
        assertThat(copy.getProperty(JobClaimer.CLAIMED, Boolean.class)).isFalse();
        assertThat(copy.getProperty(StepStarter.BUSY_UNTIL)).as("its fallback copy is dropped").isNull();
        assertThat(table.job(cancelled.jobId()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void theSlotOfAJobWhoseWorkerWasLostIsReclaimedByTheNextJobThatArrives() throws Exception {
        Job lost = table.queuedJob(JobTable.LIMITED_TENANT);
        Job waiting = table.queuedJob(JobTable.LIMITED_TENANT);
        claim(lost);
        claim(waiting);
        // Its process died right after the claim: the lease lapsed and no step was started.
        table.store.update(lost.jobId(), job -> job.withLease(Instant.now().minusSeconds(60), Instant.now().minusSeconds(1)));

        Exchange copy = delivery(JobMessage.jobCreated(waiting.jobId(), waiting.tenant(), waiting.assetId()).waitingForSlot());
        table.otherProcess().claimer.process(copy);

        assertThat(copy.getProperty(JobClaimer.CLAIMED, Boolean.class)).as("the lost worker's slot is reclaimed").isTrue();
        assertThat(table.slots.holders(JobTable.LIMITED_TENANT)).containsExactly(waiting.jobId());
        assertThat(table.slots.waiting(JobTable.LIMITED_TENANT)).isEmpty();
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
