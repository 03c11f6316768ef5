package io.aegis.state;

import java.time.Instant;

public record StepState(String name, StepStatus status, int attempts, Instant startedAt, Instant finishedAt, JobError error) {

    public static StepState pending(String name) {
        return new StepState(name, StepStatus.PENDING, 0, null, null, null);
    }

    StepState running(Instant now) {
        return new StepState(name, StepStatus.RUNNING, attempts + 1, now, null, null);
    }

    /** Back to PENDING for another run, keeping the count of attempts so far. */
    StepState reopened() {
        return new StepState(name, StepStatus.PENDING, attempts, null, null, null);
    }

    StepState finished(StepStatus outcome, Instant now, JobError failure) {
        return new StepState(name, outcome, attempts, startedAt, now, failure);
    }
}
