package io.aegis.state;

/**
 * A permanent failure of a step (corrupt file, unsupported type, limit exceeded): retrying cannot help,
 * so the job fails at once with this code. Anything else thrown by a step counts as transient.
 */
public class StepFailure extends RuntimeException {

    private final ErrorCode code;

    public StepFailure(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public JobError toError() {
        return JobError.of(code, getMessage());
    }
}
