package io.aegis.orchestrate;

import io.aegis.platform.WorkerIdentity;
import io.aegis.state.ErrorCode;
import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import io.aegis.state.StepFailure;
import io.aegis.state.StepStatus;
import io.aegis.steps.StepCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job state machine over {@link JobStore}: each transition is one conditional write that refuses to
 * move a finished job or re-run a finished step, whatever order messages arrive in. Each transition that
 * happened (not one refused) is counted in {@link JobMetrics}.
 */
@Component
public class JobLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);

    private final JobStore jobs;
    private final PipelineProperties pipeline;
    private final String worker;
    private final JobMetrics metrics;
    private final Clock clock;

    public JobLifecycle(JobStore jobs, PipelineProperties pipeline, WorkerIdentity worker, JobMetrics metrics) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.worker = worker.id();
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** Takes the job for this worker; empty when it is finished or another worker holds a live lease. */
    public Optional<Job> claim(String jobId, String holder) {
        Instant now = clock.instant();
        boolean[] claimed = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            claimed[0] = job.claimable(now);
            return claimed[0] ? job.claimed(now, lease(now), holder) : job;
        });
        return claimed[0] ? after : Optional.empty();
    }

    /**
     * Claims the job, like {@link #claim}, and starts {@code step} under the same lease in the same write, unless the
     * step already finished (a job taken over from a lost worker): the claim and the first step in one write.
     */
    public Optional<Job> claimAndStart(String jobId, String holder, String step) {
        Instant now = clock.instant();
        boolean[] claimed = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            claimed[0] = job.claimable(now);
            if (!claimed[0]) {
                return job;
            }
            Job taken = job.claimed(now, lease(now), holder);
            return taken.stepDone(step) ? taken : taken.stepStartedBy(step, holder, worker, now, lease(now));
        });
        return claimed[0] ? after : Optional.empty();
    }

    public Optional<Job> find(String jobId) {
        return jobs.find(jobId);
    }

    /**
     * Marks the step RUNNING under a lease for {@code holder} and counts the attempt. DONE when the step already
     * succeeded or was skipped (a duplicate message) or the job is no longer running; BUSY when another holder
     * runs it under a live lease (a duplicate delivered while the first is still at work).
     */
    public StepStart startStep(String jobId, String step, String holder) {
        return startStep(jobId, step, holder, null);
    }

    /**
     * Starts the step like {@link #startStep(String, String, String)}, recording {@code ended} (the end of the step
     * this delivery ran before it, when not null) in the same write: one write for one step's end and the next one's
     * start. A job that ended meanwhile gets neither, as {@link #finishStep} would leave it.
     */
    StepStart startStep(String jobId, String step, String holder, StepEnd ended) {
        Instant now = clock.instant();
        StepStart.Outcome[] outcome = {StepStart.Outcome.DONE};
        boolean[] endWritten = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            endWritten[0] = false;
            if (job.status().isTerminal()) {
                outcome[0] = StepStart.Outcome.DONE;
                return job;
            }
            Job base = ended == null ? job : ended.applyTo(job, now);
            endWritten[0] = ended != null;
            if (base.stepDone(step)) {
                outcome[0] = StepStart.Outcome.DONE;
                return base;
            }
            if (base.stepBusyFor(step, holder, now)) {
                outcome[0] = StepStart.Outcome.BUSY;
                return base;
            }
            outcome[0] = StepStart.Outcome.STARTED;
            return base.stepStartedBy(step, holder, worker, now, lease(now));
        });
        if (endWritten[0]) {
            after.ifPresent(job -> stepRan(job, ended.step(), ended.outcome()));
        }
        return new StepStart(after.isEmpty() ? StepStart.Outcome.DONE : outcome[0], after.orElse(null));
    }

    /**
     * Extends the lease of a step still running for {@code holder}; false when the holder lost it: the job
     * ended (cancelled) or another delivery took the step over after the lease lapsed.
     */
    public boolean renewLease(String jobId, String holder) {
        Instant now = clock.instant();
        boolean[] held = {false};
        jobs.update(jobId, job -> {
            held[0] = job.leaseHeldBy(holder);
            return held[0] ? job.withLease(now, lease(now)) : job;
        });
        return held[0];
    }

    /**
     * Ends the step and records what it found ({@code findings}, e.g. the media type) in the same write. When it
     * was the last step of the job's plan, the job SUCCEEDS in that write too: one write per step. A job that ended
     * meanwhile (cancelled while the step ran) keeps the step as its end recorded it.
     */
    public Job finishStep(String jobId, String step, StepStatus outcome, UnaryOperator<Job> findings) {
        Instant now = clock.instant();
        boolean[] finished = {false};
        boolean[] succeeded = {false};
        Job after = jobs.update(jobId, job -> {
            finished[0] = !job.status().isTerminal();
            if (!finished[0]) {
                return job;
            }
            Job done = findings.apply(job.stepFinished(step, outcome, null, now));
            // Only a planned step can be the last: validate and metadata run before the plan is recorded.
            succeeded[0] = !StepCatalog.BEFORE_THE_PLAN.contains(step) && done.nextUnfinishedStep().isEmpty();
            return succeeded[0] ? done.succeeded(now) : done;
        }).orElseThrow(() -> gone(jobId));
        if (finished[0]) {
            stepRan(after, step, outcome);
        }
        if (finished[0] && succeeded[0]) {
            metrics.jobReached(after);
            log.info("job {} succeeded", jobId);
        }
        return after;
    }

    public Job plan(String jobId, List<String> steps) {
        return plan(jobId, steps, null);
    }

    /** Records the plan, with {@code ended} (metadata's end, when not null) in the same write. */
    Job plan(String jobId, List<String> steps, StepEnd ended) {
        Instant now = clock.instant();
        boolean[] endWritten = {false};
        Job after = jobs.update(jobId, job -> {
            endWritten[0] = !job.status().isTerminal() && ended != null;
            if (job.status().isTerminal()) {
                return job;
            }
            return (ended == null ? job : ended.applyTo(job, now)).withPlannedSteps(steps, now);
        }).orElseThrow(() -> gone(jobId));
        if (endWritten[0]) {
            stepRan(after, ended.step(), ended.outcome());
        }
        return after;
    }

    public Job succeed(String jobId) {
        Instant now = clock.instant();
        boolean[] succeeded = {false};
        Job after = jobs.update(jobId, job -> {
            succeeded[0] = !job.status().isTerminal();
            return succeeded[0] ? job.succeeded(now) : job;
        }).orElseThrow();
        if (succeeded[0]) {
            metrics.jobReached(after);
        }
        return after;
    }

    /** Fails the step (when one was running) and the job; a job already terminal stays as it is. */
    public Optional<Job> fail(String jobId, String step, JobError error) {
        return fail(jobId, step, error, null);
    }

    /** Fails the job like {@link #fail(String, String, JobError)}, recording {@code ended} first in the same write. */
    Optional<Job> fail(String jobId, String step, JobError error, StepEnd ended) {
        Instant now = clock.instant();
        boolean[] failed = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            failed[0] = !job.status().isTerminal();
            return failed[0] ? failedAt(ended == null ? job : ended.applyTo(job, now), step, error, now) : job;
        });
        if (failed[0]) {
            after.ifPresent(job -> failedHere(job, step, ended));
        }
        return after;
    }

    /**
     * Fails the step and the job, like {@link #fail}, but only while {@code stillSo} holds for the stored job (decided
     * on it, so among racing callers one fails it); empty when the job did not fail here.
     */
    public Optional<Job> failIf(String jobId, String step, JobError error, java.util.function.Predicate<Job> stillSo) {
        return failIf(jobId, step, error, null, stillSo);
    }

    private Optional<Job> failIf(String jobId, String step, JobError error, StepEnd ended,
                                 java.util.function.Predicate<Job> stillSo) {
        Instant now = clock.instant();
        boolean[] failed = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            // Decided on the job as it stands with the unwritten end recorded: a step that ended is not failed.
            Job base = ended == null || job.status().isTerminal() ? job : ended.applyTo(job, now);
            failed[0] = !job.status().isTerminal() && stillSo.test(base);
            return failed[0] ? failedAt(base, step, error, now) : job;
        });
        if (!failed[0]) {
            return Optional.empty();
        }
        after.ifPresent(job -> failedHere(job, step, ended));
        return after;
    }

    // The job FAILED with its step (if any) FAILED, both with the error.
    private static Job failedAt(Job job, String step, JobError error, Instant now) {
        Job failedStep = step == null ? job : job.stepFinished(step, StepStatus.FAILED, error, now);
        return failedStep.failed(error, now);
    }

    // What a failure written here counts: the step whose end went with it, the failed step, the job's end.
    private void failedHere(Job job, String step, StepEnd ended) {
        if (ended != null) {
            stepRan(job, ended.step(), ended.outcome());
        }
        if (step != null) {
            stepRan(job, step, StepStatus.FAILED);
        }
        metrics.jobReached(job);
    }

    /**
     * Fails the step and the job because the step ran past its deadline, if {@code holder} still runs it (the lease
     * is released with the failure); false when the step ended, or was taken over, first.
     */
    public boolean timeOut(String jobId, String step, String holder, JobError error) {
        return timeOut(jobId, step, holder, error, null);
    }

    /** {@link #timeOut(String, String, String, JobError)}, recording {@code ended} (a step end not written yet) too. */
    boolean timeOut(String jobId, String step, String holder, JobError error, StepEnd ended) {
        return failIf(jobId, step, error, ended, job -> job.leaseHeldBy(holder)
                && job.step(step).map(state -> state.status() == StepStatus.RUNNING).orElse(false)).isPresent();
    }

    /**
     * Makes a FAILED job runnable again before its dead letter is redriven ({@link Job#reopened}); false
     * when the job is missing or not FAILED (succeeded, cancelled or already reopened), left as it is.
     */
    public boolean reopen(String jobId) {
        Instant now = clock.instant();
        boolean[] reopened = {false};
        jobs.update(jobId, job -> {
            reopened[0] = job.status() == JobStatus.FAILED;
            return reopened[0] ? job.reopened(now) : job;
        });
        return reopened[0];
    }

    /**
     * Cancels the tenant's job unless it already ended; empty when the tenant has no such job. Later messages
     * for it find it terminal and drop their work: claim, startStep, finishStep, plan, succeed and fail all
     * leave a terminal job as it is.
     */
    public Optional<Cancellation> cancel(String jobId, String tenant) {
        if (jobs.find(jobId).filter(job -> job.tenant().equals(tenant)).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean[] cancelled = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            cancelled[0] = !job.status().isTerminal();
            return cancelled[0] ? job.cancelled(now) : job;
        });
        if (cancelled[0]) {
            after.ifPresent(metrics::jobReached);
        }
        return after.map(job -> new Cancellation(job, cancelled[0]));
    }

    // The job item was removed with its asset (DELETE /v1/assets/{id}) while a step ran: nothing left to record.
    static StepFailure gone(String jobId) {
        return new StepFailure(ErrorCode.INTERNAL, "job " + jobId + " no longer exists: its asset was deleted");
    }

    /** The job after a cancel request; {@code cancelled} is false when it had already ended. */
    public record Cancellation(Job job, boolean cancelled) {
    }

    private void stepRan(Job job, String step, StepStatus outcome) {
        job.step(step)
                .filter(state -> state.startedAt() != null && state.finishedAt() != null)
                .map(state -> Duration.between(state.startedAt(), state.finishedAt()))
                .ifPresent(took -> metrics.stepRan(step, outcome.name().toLowerCase(), took));
    }

    private Instant lease(Instant now) {
        return now.plus(pipeline.steps().lease());
    }
}
