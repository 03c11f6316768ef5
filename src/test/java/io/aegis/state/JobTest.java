package io.aegis.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job state machine's rules, independent of storage. */
class JobTest {

    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final Job queued = Job.queued("j", "t", "a", "f.txt", 10, "t/a/original/f.txt", false,
            List.of("validate", "metadata"), now);

    @Test
    void aQueuedJobIsClaimableAndARunningOneOnlyOnceItsLeaseExpired() {
        Job running = queued.claimed(now, now.plus(Duration.ofMinutes(2)), "holder");

        assertThat(queued.claimable(now)).isTrue();
        assertThat(running.claimable(now.plusSeconds(60))).isFalse();
        assertThat(running.claimable(now.plusSeconds(121))).isTrue();
        assertThat(running.succeeded(now).claimable(now.plusSeconds(999))).isFalse();
    }

    @Test
    void aRunningStepIsBusyForAnotherHolderOnlyWhileItsLeaseLives() {
        Job running = queued.claimed(now, now.plusSeconds(30), "first")
                .stepStartedBy("metadata", "first", "w1", now, now.plusSeconds(30));

        assertThat(running.stepBusyFor("metadata", "second", now.plusSeconds(29))).isTrue();
        assertThat(running.stepBusyFor("metadata", "first", now.plusSeconds(29)))
                .as("the holder's own redelivery runs the step again").isFalse();
        assertThat(running.stepBusyFor("metadata", "second", now.plusSeconds(31)))
                .as("a lapsed lease (crashed worker) lets another delivery take the step over").isFalse();
        assertThat(running.stepBusyFor("validate", "second", now)).as("a step that is not running").isFalse();

        Job takenOver = running.stepStartedBy("metadata", "second", "w2", now.plusSeconds(31), now.plusSeconds(61));
        assertThat(takenOver.leaseHeldBy("second")).isTrue();
        assertThat(takenOver.leaseHeldBy("first")).as("the first holder cannot renew any more").isFalse();
        assertThat(takenOver.step("metadata").orElseThrow().attempts()).isEqualTo(2);
        assertThat(takenOver.cancelled(now).leaseHeldBy("second")).as("an ended job has no lease").isFalse();
    }

    @Test
    void stepsCountAttemptsAndProgressFollowsFinishedSteps() {
        Job job = queued.claimed(now, now, "holder").stepRunning("validate", now, "w1");
        job = job.stepFinished("validate", StepStatus.SUCCEEDED, null, now).stepRunning("metadata", now, "w1");

        assertThat(job.step("validate").orElseThrow().attempts()).isEqualTo(1);
        assertThat(job.progress()).isEqualTo(50);
        assertThat(job.nextUnfinishedStep().orElseThrow().name()).isEqualTo("metadata");
        assertThat(job.stepRunning("metadata", now, "w1").step("metadata").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void cancellingSkipsThePendingAndTheRunningStepAndEndsTheJob() {
        Job job = queued.claimed(now, now.plusSeconds(120), "holder").withPlannedSteps(List.of("summarize"), now)
                .stepRunning("validate", now, "w1").stepFinished("validate", StepStatus.SUCCEEDED, null, now)
                .stepRunning("metadata", now, "w1");

        Job cancelled = job.cancelled(now);

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.status().isTerminal()).isTrue();
        assertThat(cancelled.claimable(now.plusSeconds(999))).isFalse();
        assertThat(cancelled.error()).isNull();
        assertThat(cancelled.step("validate").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
        StepState metadata = cancelled.step("metadata").orElseThrow();
        assertThat(metadata.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(metadata.error().code()).isEqualTo(Job.CANCELLED_CODE);
        assertThat(cancelled.step("summarize").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(cancelled.step("summarize").orElseThrow().error()).isNull();
        assertThat(cancelled.nextUnfinishedStep()).isEmpty();
    }

    @Test
    void failingSkipsWhatWasStillPendingAndKeepsTheReason() {
        Job job = queued.claimed(now, now, "holder").withPlannedSteps(List.of("summarize"), now)
                .stepFinished("validate", StepStatus.FAILED, JobError.of(ErrorCode.EMPTY_FILE, "empty"), now)
                .failed(JobError.of(ErrorCode.EMPTY_FILE, "empty"), now);

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().code()).isEqualTo("EMPTY_FILE");
        assertThat(job.steps()).extracting(StepState::status)
                .containsExactly(StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.SKIPPED);
    }

    @Test
    void planningTheSameStepsTwiceDoesNotDuplicateThem() {
        Job job = queued.withPlannedSteps(List.of("summarize"), now).withPlannedSteps(List.of("summarize"), now);

        assertThat(job.steps()).extracting(StepState::name).containsExactly("validate", "metadata", "summarize");
    }

    @Test
    void reopeningAFailedJobResumesAtTheFailedStepAndKeepsStepsThatRanOrSkippedThemselves() {
        Job job = queued.claimed(now, now, "holder").withPlannedSteps(List.of("extract-audio", "summarize", "embed"), now);
        for (String step : List.of("validate", "metadata", "extract-audio")) {
            job = job.stepRunning(step, now, "w1").stepFinished(step,
                    step.equals("extract-audio") ? StepStatus.SKIPPED : StepStatus.SUCCEEDED, null, now);
        }
        JobError timeout = JobError.of(ErrorCode.INTERNAL, "retries exhausted");
        Job failed = job.stepRunning("summarize", now, "w1").stepFinished("summarize", StepStatus.FAILED, timeout, now)
                .failed(timeout, now);

        Job reopened = failed.reopened(now.plusSeconds(5));

        assertThat(reopened.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(reopened.error()).isNull();
        assertThat(reopened.claimable(now.plusSeconds(5))).isTrue();
        assertThat(reopened.steps()).extracting(StepState::status).containsExactly(StepStatus.SUCCEEDED,
                StepStatus.SUCCEEDED, StepStatus.SKIPPED, StepStatus.PENDING, StepStatus.PENDING);
        assertThat(reopened.step("summarize").orElseThrow().attempts()).isEqualTo(1);
        assertThat(reopened.step("summarize").orElseThrow().error()).isNull();
        assertThat(reopened.nextUnfinishedStep().orElseThrow().name()).isEqualTo("summarize");
    }

    @Test
    void theWorkerIsLostOnlyWhenTheLeaseLapsedWithAStepLeftRunningOrNoneStarted() {
        Instant lapsed = now.plusSeconds(121);
        Job claimed = queued.claimed(now, now.plusSeconds(120), "holder");
        Job midStep = claimed.stepStartedBy("validate", "holder", "w1", now, now.plusSeconds(120));
        Job betweenSteps = midStep.stepFinished("validate", StepStatus.SUCCEEDED, null, now)
                .stepRunning("metadata", now, "w1").stepFinished("metadata", StepStatus.SUCCEEDED, null, now)
                .withPlannedSteps(List.of("summarize"), now);

        assertThat(claimed.workerLost(now.plusSeconds(60))).as("a live lease").isFalse();
        assertThat(claimed.workerLost(lapsed)).as("claimed, nothing started, lease lapsed: the claimer died").isTrue();
        assertThat(midStep.workerLost(lapsed)).as("a step left RUNNING under a lapsed lease").isTrue();
        assertThat(midStep.workerLost(now.plusSeconds(60))).isFalse();
        assertThat(betweenSteps.workerLost(lapsed)).as("between steps: the next step's message is on a queue").isFalse();
        assertThat(queued.workerLost(lapsed)).as("QUEUED: nobody took it yet").isFalse();
        assertThat(midStep.failed(new JobError("INTERNAL", "x"), now).workerLost(lapsed)).as("ended").isFalse();
    }
}
