package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.JobError;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import io.aegis.state.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The job state machine over {@link JobStore}: each transition is one conditional write that refuses to
 * move a finished job or re-run a finished step, whatever order messages arrive in.
 */
@Component
public class JobLifecycle {

    private final JobStore jobs;
    private final PipelineProperties pipeline;
    private final Clock clock;

    public JobLifecycle(JobStore jobs, PipelineProperties pipeline) {
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.clock = Clock.systemUTC();
    }

    /** Takes the job for this worker; empty when it is finished or another worker holds a live lease. */
    public Optional<Job> claim(String jobId) {
        Instant now = clock.instant();
        boolean[] claimed = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            claimed[0] = job.claimable(now);
            return claimed[0] ? job.claimed(now, lease(now)) : job;
        });
        return claimed[0] ? after : Optional.empty();
    }

    public Optional<Job> find(String jobId) {
        return jobs.find(jobId);
    }

    /**
     * Marks the step RUNNING and counts the attempt; empty when the step already succeeded or was skipped (a duplicate
     * message) or the job is no longer running.
     */
    public Optional<Job> startStep(String jobId, String step) {
        Instant now = clock.instant();
        boolean[] started = {false};
        Optional<Job> after = jobs.update(jobId, job -> {
            started[0] = !job.status().isTerminal() && !job.stepDone(step);
            if (!started[0]) {
                return job;
            }
            return job.stepRunning(step, now).withLease(now, lease(now));
        });
        return started[0] ? after : Optional.empty();
    }

    public Job finishStep(String jobId, String step, StepStatus outcome) {
        Instant now = clock.instant();
        return jobs.update(jobId, job -> job.stepFinished(step, outcome, null, now)).orElseThrow();
    }

    public Job recordMedia(String jobId, String mediaType, String mimeType, long sizeBytes) {
        return jobs.update(jobId, job -> job.withMedia(mediaType, mimeType).withSizeBytes(sizeBytes)).orElseThrow();
    }

    public Job plan(String jobId, List<String> steps) {
        Instant now = clock.instant();
        return jobs.update(jobId, job -> job.withPlannedSteps(steps, now)).orElseThrow();
    }

    public Job succeed(String jobId) {
        Instant now = clock.instant();
        return jobs.update(jobId, job -> job.status().isTerminal() ? job : job.succeeded(now)).orElseThrow();
    }

    /** Fails the step (when one was running) and the job; a job already terminal stays as it is. */
    public Optional<Job> fail(String jobId, String step, JobError error) {
        Instant now = clock.instant();
        return jobs.update(jobId, job -> {
            if (job.status().isTerminal()) {
                return job;
            }
            Job failedStep = step == null ? job : job.stepFinished(step, StepStatus.FAILED, error, now);
            return failedStep.failed(error, now);
        });
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

    private Instant lease(Instant now) {
        return now.plus(pipeline.steps().lease());
    }
}
