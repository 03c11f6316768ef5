package io.aegis.orchestrate;

import static io.aegis.orchestrate.JobTable.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.JobStatus;
import io.aegis.state.StepFailure;
import io.aegis.state.StepStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * The delivery that claims a job writes it three times, not six (issue 22, fewer writes per job): validate starts in
 * the claim's write, validate's end is written with metadata's start and metadata's end with the plan ({@link StepEnd}),
 * and each write leaves the job as the separate writes did. A failure, a cancellation or a deadline in between still
 * records the step that ended.
 */
class ClaimDeliveryWritesTest {

    private final JobTable table = new JobTable();
    private final StepFinisher finisher = new StepFinisher(table.lifecycle);
    private final PlanRecorder planRecorder = new PlanRecorder(table.lifecycle, table.steps, null);
    private final JobFailer failer = new JobFailer(table.lifecycle);

    /** A JOB_CREATED delivery past JobClaimer, running orchestrate.run (step ends deferred). */
    private Exchange claimed(Job queued) throws Exception {
        Exchange exchange = delivery(JobMessage.jobCreated(queued.jobId(), queued.tenant(), null));
        table.claimer.process(exchange);
        assertThat(exchange.getProperty(JobClaimer.CLAIMED, Boolean.class)).isTrue();
        exchange.setProperty(StepFinisher.DEFER_END, true);
        return exchange;
    }

    private void start(Exchange exchange, String step) {
        exchange.getMessage().setHeader(AegisHeaders.STEP, step);
        table.starter.process(exchange);
    }

    private void finish(Exchange exchange, String step) {
        exchange.getMessage().setHeader(AegisHeaders.STEP, step);
        finisher.process(exchange);
        exchange.getMessage().removeHeader(AegisHeaders.ASSET_ID); // no asset: PlanRecorder reads no reprocessing request
    }

    /** The delivery starts and finishes each step in turn, as orchestrate.run does. */
    private void ran(Exchange exchange, String... steps) {
        for (String step : steps) {
            start(exchange, step);
            finish(exchange, step);
        }
    }

    @Test
    void theClaimStartsValidateInItsOwnWriteAndStepStarterDoesNotWriteItAgain() throws Exception {
        Job queued = table.queuedJob("t");

        Exchange exchange = claimed(queued);
        Job afterClaim = table.job(queued.jobId());
        start(exchange, "validate");

        assertThat(afterClaim.version()).as("one write: the claim with validate started").isEqualTo(queued.version() + 1);
        assertThat(afterClaim.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(afterClaim.leaseHolder()).isEqualTo(exchange.getExchangeId());
        assertThat(afterClaim.step("validate").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
        assertThat(afterClaim.step("validate").orElseThrow().attempts()).isEqualTo(1);
        assertThat(exchange.getProperty(StepStarter.OUTCOME)).isEqualTo(StepStart.Outcome.STARTED);
        assertThat(table.job(queued.jobId()).version()).as("StepStarter wrote nothing more").isEqualTo(afterClaim.version());

        start(exchange, "validate");
        assertThat(exchange.getProperty(StepStarter.OUTCOME)).as("the same delivery's retry is a new attempt, written")
                .isEqualTo(StepStart.Outcome.STARTED);
        assertThat(table.job(queued.jobId()).step("validate").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void validateAndMetadataEndInTheNextWriteOfTheDeliveryThreeWritesInAll() throws Exception {
        Job queued = table.queuedJob("t");

        Exchange exchange = claimed(queued);
        start(exchange, "validate");
        StepFindings.add(exchange, job -> job.withMedia("document", "text/plain"));
        finish(exchange, "validate");
        assertThat(table.job(queued.jobId()).step("validate").orElseThrow().status())
                .as("not written on its own").isEqualTo(StepStatus.RUNNING);
        start(exchange, "metadata");
        Job afterMetadataStart = table.job(queued.jobId());
        finish(exchange, "metadata");
        exchange.getMessage().setHeader(AegisHeaders.PLAN, "summarize");
        planRecorder.process(exchange);

        Job planned = table.job(queued.jobId());
        assertThat(afterMetadataStart.step("validate").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(afterMetadataStart.mediaType()).as("validate's findings in the same write").isEqualTo("document");
        assertThat(afterMetadataStart.step("metadata").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
        assertThat(planned.step("metadata").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(planned.step("metadata").orElseThrow().finishedAt()).isNotNull();
        assertThat(planned.step("summarize").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
        assertThat(planned.nextUnfinishedStep().orElseThrow().name()).isEqualTo("summarize");
        assertThat(planned.leaseHolder()).isEqualTo(exchange.getExchangeId());
        assertThat(planned.version()).as("claim+validate, validate's end+metadata, metadata's end+plan")
                .isEqualTo(queued.version() + 3);
        assertThat(exchange.getProperty(JobHeaders.WRITTEN, Job.class).version()).as("PlanAdvancer reads no job")
                .isEqualTo(planned.version());
    }

    @Test
    void aPlanThatFailsRecordsMetadatasEndWithTheJobsFailure() throws Exception {
        Job queued = table.queuedJob("t");
        Exchange exchange = claimed(queued);
        ran(exchange, "validate", "metadata");
        exchange.getMessage().removeHeader(AegisHeaders.PLAN); // the routing table has no plan for this kind

        assertThatThrownBy(() -> planRecorder.process(exchange)).isInstanceOf(StepFailure.class);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new StepFailure(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "no pipeline"));
        failer.process(exchange);

        Job failed = table.job(queued.jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(failed.step("validate").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(failed.step("metadata").orElseThrow().status()).as("it ran to its end: as if written on its own")
                .isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void aJobCancelledWhileAnEndWaitsForItsWriteKeepsItsCancellation() throws Exception {
        Job queued = table.queuedJob("t");
        Exchange exchange = claimed(queued);
        ran(exchange, "validate");
        table.lifecycle.cancel(queued.jobId(), "t");

        start(exchange, "metadata");

        Job cancelled = table.job(queued.jobId());
        assertThat(exchange.getProperty(StepStarter.OUTCOME)).isEqualTo(StepStart.Outcome.DONE);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.step("validate").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(cancelled.step("metadata").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void aDeadlineThatFiresAfterMetadataEndedDoesNotFailIt() throws Exception {
        Job queued = table.queuedJob("t");
        Exchange exchange = claimed(queued);
        ran(exchange, "validate", "metadata");
        JobError timeout = JobError.of(ErrorCode.PROCESSING_TIMEOUT, "past its time limit");

        boolean failed = table.lifecycle.timeOut(queued.jobId(), "metadata", exchange.getExchangeId(), timeout,
                StepEnd.peek(exchange));

        assertThat(failed).as("metadata ended before its deadline; only its write was pending").isFalse();
        assertThat(table.job(queued.jobId()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(table.lifecycle.timeOut(queued.jobId(), "metadata", exchange.getExchangeId(), timeout, null))
                .as("without the pending end the step reads RUNNING and would fail").isTrue();
    }

    @Test
    void aStepRequestedOnAWorkerQueueIsStillWrittenAtItsEnd() throws Exception {
        Job running = table.runningJob("t", java.util.List.of("summarize"));
        Exchange exchange = JobTable.stepDelivery(running, "summarize");
        table.starter.process(exchange);

        finisher.process(exchange);

        Job done = table.job(running.jobId());
        assertThat(done.status()).as("no DEFER_END outside orchestrate.run: the end is its own write").isEqualTo(JobStatus.SUCCEEDED);
        assertThat(StepEnd.peek(exchange)).isNull();
    }
}
