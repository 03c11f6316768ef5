package io.aegis.state;

/**
 * A model provider that stayed unavailable (throttled, 5xx, timed out, unreachable, circuit open) after the
 * call's own retries. Transient, unlike {@link StepFailure}: the step is redelivered, and once those retries
 * are exhausted too the job fails with {@link #code()} instead of INTERNAL.
 */
public class ProviderUnavailable extends RuntimeException {

    private final ErrorCode code;

    public ProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
        this.code = ErrorCode.PROVIDER_UNAVAILABLE;
    }

    public ErrorCode code() {
        return code;
    }
}
