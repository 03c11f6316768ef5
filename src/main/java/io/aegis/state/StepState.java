package io.aegis.state;

import java.time.Instant;

/** One step of a job; {@code worker} is the process that last started it ({@code aegis.worker-id}). */
public record StepState(String name, StepStatus status, int attempts, Instant startedAt, Instant finishedAt, JobError error,
                        String worker) {

    public static StepState pending(String name) {
        return new StepState(name, StepStatus.PENDING, 0, null, null, null, null);
    }

    StepState running(Instant now, String by) {
        return new StepState(name, StepStatus.RUNNING, attempts + 1, now, null, null, by);
    }

    /** Back to PENDING for another run, keeping the count of attempts so far. */
    StepState reopened() {
        return new StepState(name, StepStatus.PENDING, attempts, null, null, null, worker);
    }

    StepState finished(StepStatus outcome, Instant now, JobError failure) {
        return new StepState(name, outcome, attempts, startedAt, now, failure, worker);
    }
}
