package io.aegis.state;

public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }
}
