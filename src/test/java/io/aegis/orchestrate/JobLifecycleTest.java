package io.aegis.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.state.ErrorCode;
import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.JobStatus;
import io.aegis.state.StepStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job state machine over the jobs table: every transition is a conditional write, so two processes (or a message
 * delivered twice) never undo each other's progress and nothing moves a job that ended.
 */
class JobLifecycleTest {

    private final JobTable table = new JobTable();
    private final JobLifecycle lifecycle = table.lifecycle;

    @Test
    void ofTwoProcessesClaimingOneJobOnlyOneGetsItUntilItsLeaseLapses() {
        Job queued = table.queuedJob("t");
        JobTable other = table.otherProcess();

        assertThat(lifecycle.claim(queued.jobId(), "delivery-1")).isPresent();
        assertThat(other.lifecycle.claim(queued.jobId(), "delivery-2"))
                .as("the second process finds the first one's live lease").isEmpty();
        Job claimed = table.job(queued.jobId());
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.leaseHolder()).isEqualTo("delivery-1");
        assertThat(claimed.leaseUntil()).isAfter(Instant.now().plus(JobTable.LEASE).minusSeconds(5));

        // The first worker died: its lease lapsed without renewal.
        table.store.update(queued.jobId(), job -> job.withLease(Instant.now().minusSeconds(60), Instant.now().minusSeconds(1)));
        assertThat(other.lifecycle.claim(queued.jobId(), "delivery-2")).as("a lapsed lease is taken over").isPresent();
        assertThat(table.job(queued.jobId()).leaseHolder()).isEqualTo("delivery-2");
    }

    @Test
    void aWriteByAnotherProcessInBetweenIsKeptNotOverwritten() {
        Job running = table.runningJob("t", List.of("thumbnail", "summarize"));
        JobTable other = table.otherProcess();
        // This process remembers the job as it last wrote it; the other process now moves it on.
        other.lifecycle.startStep(running.jobId(), "thumbnail", "delivery-other");
        other.lifecycle.finishStep(running.jobId(), "thumbnail", StepStatus.SUCCEEDED, job -> job);

        StepStart start = lifecycle.startStep(running.jobId(), "summarize", "delivery-here");

        assertThat(start.outcome()).isEqualTo(StepStart.Outcome.STARTED);
        Job stored = table.job(running.jobId());
        assertThat(stored.step("thumbnail").orElseThrow().status())
                .as("the other process's finished step survives this process's stale copy").isEqualTo(StepStatus.SUCCEEDED);
        assertThat(stored.step("summarize").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
        assertThat(stored.version()).isEqualTo(running.version() + 3);
    }

    @Test
    void theLastPlannedStepSucceedsTheJobInTheSameWriteAndValidateNeverDoes() {
        Job queued = table.queuedJob("t");
        lifecycle.claim(queued.jobId(), "d");
        lifecycle.startStep(queued.jobId(), "validate", "d");
        lifecycle.finishStep(queued.jobId(), "validate", StepStatus.SUCCEEDED, job -> job);
        lifecycle.startStep(queued.jobId(), "metadata", "d");
        Job afterMetadata = lifecycle.finishStep(queued.jobId(), "metadata", StepStatus.SUCCEEDED, job -> job);
        assertThat(afterMetadata.status()).as("no plan yet: validate and metadata are never the last step")
                .isEqualTo(JobStatus.RUNNING);

        lifecycle.plan(queued.jobId(), List.of("thumbnail"));
        lifecycle.startStep(queued.jobId(), "thumbnail", "d2");
        long before = table.job(queued.jobId()).version();
        Job done = lifecycle.finishStep(queued.jobId(), "thumbnail", StepStatus.SUCCEEDED, job -> job);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(table.job(queued.jobId()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(table.job(queued.jobId()).version()).as("one write per step").isEqualTo(before + 1);
    }

    @Test
    void aCancelledJobIsMovedByNothingThatArrivesLater() {
        Job running = table.runningJob("t", List.of("thumbnail"));
        lifecycle.startStep(running.jobId(), "thumbnail", "d");

        assertThat(lifecycle.cancel(running.jobId(), "another-tenant")).as("only its tenant cancels it").isEmpty();
        assertThat(lifecycle.cancel(running.jobId(), "t").orElseThrow().cancelled()).isTrue();
        Job cancelled = table.job(running.jobId());

        assertThat(lifecycle.claim(running.jobId(), "late")).isEmpty();
        assertThat(lifecycle.startStep(running.jobId(), "thumbnail", "late").outcome()).isEqualTo(StepStart.Outcome.DONE);
        lifecycle.finishStep(running.jobId(), "thumbnail", StepStatus.SUCCEEDED, job -> job);
        lifecycle.succeed(running.jobId());
        lifecycle.fail(running.jobId(), "thumbnail", JobError.of(ErrorCode.INTERNAL, "late failure"));
        assertThat(lifecycle.renewLease(running.jobId(), "d")).as("the running step loses its lease").isFalse();
        assertThat(lifecycle.cancel(running.jobId(), "t").orElseThrow().cancelled()).as("cancelled once").isFalse();

        assertThat(table.job(running.jobId())).isEqualTo(cancelled);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.step("thumbnail").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void aFailedStepFailsTheJobWithItsReasonAndReopeningMakesItRunnableAgain() {
        Job running = table.runningJob("t", List.of("summarize"));
        lifecycle.startStep(running.jobId(), "summarize", "d");

        lifecycle.fail(running.jobId(), "summarize", JobError.of(ErrorCode.INTERNAL, "model crashed"));

        Job failed = table.job(running.jobId());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error().message()).isEqualTo("model crashed");
        assertThat(failed.step("summarize").orElseThrow().status()).isEqualTo(StepStatus.FAILED);

        assertThat(lifecycle.reopen(running.jobId())).isTrue();
        assertThat(lifecycle.reopen(running.jobId())).as("reopened once").isFalse();
        assertThat(lifecycle.startStep(running.jobId(), "summarize", "redriven").outcome())
                .as("a redriven dead letter runs its step again").isEqualTo(StepStart.Outcome.STARTED);
    }

    @Test
    void aStepPastItsDeadlineFailsOnlyWhileItsHolderStillRunsIt() {
        Job running = table.runningJob("t", List.of("thumbnail"));
        lifecycle.startStep(running.jobId(), "thumbnail", "first");
        table.store.update(running.jobId(), job -> job.withLease(Instant.now().minusSeconds(60), Instant.now().minusSeconds(1)));
        lifecycle.startStep(running.jobId(), "thumbnail", "second");

        JobError late = JobError.of(ErrorCode.PROCESSING_TIMEOUT, "too slow");
        assertThat(lifecycle.timeOut(running.jobId(), "thumbnail", "first", late))
                .as("the step was taken over: the first holder's deadline fails nothing").isFalse();
        assertThat(table.job(running.jobId()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(lifecycle.timeOut(running.jobId(), "thumbnail", "second", late)).isTrue();
        assertThat(table.job(running.jobId()).error().code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT.name());
    }
}
