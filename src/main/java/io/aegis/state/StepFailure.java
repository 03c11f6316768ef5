package io.aegis.state;

/**
 * A permanent failure of a step (corrupt file, unsupported type, limit exceeded): retrying cannot help,
 * so the job fails at once with this code. Anything else thrown by a step counts as transient. The message is
 * what the tenant reads; {@link #detail()} (a tool's stderr, a provider's answer) is for the logs only.
 */
public class StepFailure extends RuntimeException {

    private final ErrorCode code;
    private String detail;

    public StepFailure(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** Adds what operators need and tenants must not see (logged with the failure, never stored on the job). */
    public StepFailure withDetail(String detail) {
        this.detail = detail;
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public JobError toError() {
        return JobError.of(code, getMessage());
    }
}
