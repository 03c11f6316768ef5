package io.aegis.state;

/** Job lifecycle: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
