package io.aegis.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One job as stored in DynamoDB. Immutable: every transition returns a new Job, and {@link JobStore}
 * writes it only if the stored {@code version} is still the one this Job was read at.
 */
public record Job(
        String jobId,
        String tenant,
        String assetId,
        JobStatus status,
        String mediaType,
        String mimeType,
        String filename,
        long sizeBytes,
        String rawKey,
        boolean priority,
        List<StepState> steps,
        JobError error,
        Instant createdAt,
        Instant updatedAt,
        Instant leaseUntil,
        String leaseHolder,
        int recoveries,
        long version) {

    /** The error code on a step that was running when its job was cancelled. */
    public static final String CANCELLED_CODE = "CANCELLED";

    public Job {
        steps = List.copyOf(steps);
    }

    public static Job queued(String jobId, String tenant, String assetId, String filename, long sizeBytes,
                             String rawKey, boolean priority, List<String> initialSteps, Instant now) {
        return new Job(jobId, tenant, assetId, JobStatus.QUEUED, null, null, filename, sizeBytes, rawKey, priority,
                initialSteps.stream().map(StepState::pending).toList(), null, now, now, null, null, 0, 0);
    }

    public Optional<StepState> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** True when the step succeeded or was skipped: either way it must not run again. */
    public boolean stepDone(String name) {
        return step(name).map(s -> s.status() == StepStatus.SUCCEEDED || s.status() == StepStatus.SKIPPED)
                .orElse(false);
    }

    /** The first step that has not finished, in plan order. */
    public Optional<StepState> nextUnfinishedStep() {
        return steps.stream().filter(s -> !s.status().isFinished()).findFirst();
    }

    /** Share of steps finished, 0..100. */
    public int progress() {
        if (status == JobStatus.SUCCEEDED) {
            return 100;
        }
        long done = steps.stream().filter(s -> s.status().isFinished()).count();
        return steps.isEmpty() ? 0 : (int) (100 * done / steps.size());
    }

    /** True when a worker may take the job: queued, or running under a lease that has expired (crashed worker). */
    public boolean claimable(Instant now) {
        return status == JobStatus.QUEUED
                || (status == JobStatus.RUNNING && (leaseUntil == null || leaseUntil.isBefore(now)));
    }

    /** RUNNING under a lease for {@code holder}, the delivery that claimed it and runs its first steps. */
    public Job claimed(Instant now, Instant lease, String holder) {
        return new Job(jobId, tenant, assetId, JobStatus.RUNNING, mediaType, mimeType, filename, sizeBytes, rawKey,
                priority, steps, error, createdAt, now, lease, holder, recoveries, version);
    }

    public Job withLease(Instant now, Instant lease) {
        return with(status, steps, error, now, lease);
    }

    /**
     * The step RUNNING under a lease held by {@code holder} (one delivery of one step message): the holder
     * renews it while it works, and anyone else finds the step busy until it lapses. {@code worker} is the process.
     */
    public Job stepStartedBy(String name, String holder, String worker, Instant now, Instant lease) {
        return new Job(jobId, tenant, assetId, status, mediaType, mimeType, filename, sizeBytes, rawKey, priority,
                replace(name, s -> s.running(now, worker), now), error, createdAt, now, lease, holder, recoveries, version);
    }

    /** True when the step is RUNNING under a live lease another delivery holds: running elsewhere right now. */
    public boolean stepBusyFor(String name, String holder, Instant now) {
        return step(name).map(s -> s.status() == StepStatus.RUNNING).orElse(false)
                && leaseHolder != null && !leaseHolder.equals(holder)
                && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** True while {@code holder} holds the job's lease (its step has not ended or been taken over). */
    public boolean leaseHeldBy(String holder) {
        return holder.equals(leaseHolder) && status == JobStatus.RUNNING;
    }

    public Job withMedia(String newMediaType, String newMimeType) {
        return new Job(jobId, tenant, assetId, status, newMediaType, newMimeType, filename, sizeBytes, rawKey,
                priority, steps, error, createdAt, updatedAt, leaseUntil, leaseHolder, recoveries, version);
    }

    public Job withSizeBytes(long newSize) {
        return new Job(jobId, tenant, assetId, status, mediaType, mimeType, filename, newSize, rawKey,
                priority, steps, error, createdAt, updatedAt, leaseUntil, leaseHolder, recoveries, version);
    }

    /** Appends steps not yet in the plan, as PENDING, keeping the ones already there. */
    public Job withPlannedSteps(List<String> planned, Instant now) {
        List<StepState> merged = new ArrayList<>(steps);
        planned.stream().filter(name -> step(name).isEmpty()).map(StepState::pending).forEach(merged::add);
        return with(status, merged, error, now, leaseUntil);
    }

    public Job stepRunning(String name, Instant now, String worker) {
        return with(status, replace(name, s -> s.running(now, worker), now), error, now, leaseUntil);
    }

    public Job stepFinished(String name, StepStatus outcome, JobError failure, Instant now) {
        return with(status, replace(name, s -> s.finished(outcome, now, failure), now), error, now, leaseUntil);
    }

    public Job succeeded(Instant now) {
        return with(JobStatus.SUCCEEDED, steps, null, now, null);
    }

    /** Terminal failure: the unfinished steps after the failed one are SKIPPED so the job reads cleanly. */
    public Job failed(JobError failure, Instant now) {
        List<StepState> closed = steps.stream()
                .map(s -> s.status() == StepStatus.PENDING ? s.finished(StepStatus.SKIPPED, now, null) : s)
                .toList();
        return with(JobStatus.FAILED, closed, failure, now, null);
    }

    /**
     * A FAILED job made runnable again (a redriven dead letter): RUNNING with no lease, so the next message
     * claims it; the failed or interrupted step and the steps {@link #failed} closed unrun go back to PENDING.
     * Steps that finished stay finished, so the job resumes at its first unfinished step.
     */
    public Job reopened(Instant now) {
        List<StepState> reopenedSteps = steps.stream()
                .map(s -> reopens(s) ? s.reopened() : s)
                .toList();
        return with(JobStatus.RUNNING, reopenedSteps, null, now, null);
    }

    private static boolean reopens(StepState step) {
        return step.status() == StepStatus.FAILED || step.status() == StepStatus.RUNNING
                // Skipped without ever starting: closed by the failure, not skipped by the step itself.
                || (step.status() == StepStatus.SKIPPED && step.attempts() == 0);
    }

    /**
     * Terminal cancellation: pending steps are SKIPPED, and so is a running one, with the reason, since its
     * outcome no longer counts. The job itself carries no error: nothing went wrong.
     */
    public Job cancelled(Instant now) {
        JobError reason = new JobError(CANCELLED_CODE, "the job was cancelled while this step ran");
        List<StepState> closed = steps.stream()
                .map(s -> switch (s.status()) {
                    case PENDING -> s.finished(StepStatus.SKIPPED, now, null);
                    case RUNNING -> s.finished(StepStatus.SKIPPED, now, reason);
                    default -> s;
                })
                .toList();
        return with(JobStatus.CANCELLED, closed, null, now, null);
    }

    /**
     * True when nothing has moved the job for {@code strandedAfter} and no worker holds a live lease on it: QUEUED or
     * RUNNING, yet nobody is at work on it. Whether a message is still on its way is for the caller to judge.
     */
    public boolean stale(Instant now, java.time.Duration strandedAfter) {
        return (status == JobStatus.QUEUED || status == JobStatus.RUNNING)
                && (leaseUntil == null || !leaseUntil.isAfter(now))
                && updatedAt != null && !updatedAt.plus(strandedAfter).isAfter(now);
    }

    /** True while a worker holds a lease on it that has not lapsed. */
    public boolean liveLease(Instant now) {
        return leaseUntil != null && leaseUntil.isAfter(now);
    }

    /**
     * True when the worker at this job is gone: RUNNING under a lease that lapsed with a step still RUNNING (its worker
     * died mid-step) or with no step started yet (its claimer died before the first one). A job between steps (one
     * finished, the next not started) is not: its next step's message is on a queue, whatever its lease says.
     */
    public boolean workerLost(Instant now) {
        if (status != JobStatus.RUNNING || liveLease(now)) {
            return false;
        }
        boolean stepRunning = steps.stream().anyMatch(s -> s.status() == StepStatus.RUNNING);
        boolean noneStarted = steps.stream().allMatch(s -> s.status() == StepStatus.PENDING && s.attempts() == 0);
        return stepRunning || noneStarted;
    }

    /** Announced again by the recovery pass: one more recovery counted, and the job counts as moved now. */
    public Job recovered(Instant now) {
        return new Job(jobId, tenant, assetId, status, mediaType, mimeType, filename, sizeBytes, rawKey, priority,
                steps, error, createdAt, now, leaseUntil, leaseHolder, recoveries + 1, version);
    }

    /** Still waiting (e.g. for its tenant's turn) and known to be: counts as moved now, nothing else changes. */
    public Job touched(Instant now) {
        return new Job(jobId, tenant, assetId, status, mediaType, mimeType, filename, sizeBytes, rawKey, priority,
                steps, error, createdAt, now, leaseUntil, leaseHolder, recoveries, version);
    }

    Job withVersion(long newVersion) {
        return new Job(jobId, tenant, assetId, status, mediaType, mimeType, filename, sizeBytes, rawKey, priority,
                steps, error, createdAt, updatedAt, leaseUntil, leaseHolder, recoveries, newVersion);
    }

    private List<StepState> replace(String name, java.util.function.UnaryOperator<StepState> change, Instant now) {
        List<StepState> updated = new ArrayList<>(steps);
        int index = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).name().equals(name)) {
                index = i;
            }
        }
        if (index < 0) {
            updated.add(StepState.pending(name));
            index = updated.size() - 1;
        }
        updated.set(index, change.apply(updated.get(index)));
        return updated;
    }

    private Job with(JobStatus newStatus, List<StepState> newSteps, JobError newError, Instant now, Instant lease) {
        return new Job(jobId, tenant, assetId, newStatus, mediaType, mimeType, filename, sizeBytes, rawKey, priority,
                newSteps, newError, createdAt, now, lease, lease == null ? null : leaseHolder, recoveries, version);
    }
}
