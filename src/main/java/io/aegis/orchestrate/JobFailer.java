package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.ErrorCode;
import io.aegis.state.JobError;
import io.aegis.state.ProviderUnavailable;
import io.aegis.state.StepFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends a job FAILED with the reason from the caught exception: the step's own code for a permanent
 * {@link StepFailure}, PROVIDER_UNAVAILABLE for a model provider that stayed down ({@link ProviderUnavailable}),
 * INTERNAL once retries of anything else are exhausted. After a transient failure the message is in a
 * DLQ by now ({@link DeadLetterHandOff}) and the error names it. Tenants read a code and a safe message; the
 * exception's own text ({@link #detail}) goes to the log and to the dead letter, which only operators see.
 */
@Component("jobFailer")
public class JobFailer implements Processor {

    private static final Logger log = LoggerFactory.getLogger(JobFailer.class);

    private final JobLifecycle lifecycle;

    public JobFailer(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        if (jobId == null) {
            JobMessage message = exchange.getMessage().getBody(JobMessage.class);
            jobId = message == null ? null : message.jobId();
        }
        if (jobId == null) {
            log.error("a message that names no job failed; nothing to mark", cause);
            return;
        }
        String step = exchange.getMessage().getHeader(AegisHeaders.STEP, String.class);
        JobError error = toError(cause);
        String deadLetterQueue = exchange.getProperty(DeadLetterHandOff.DEAD_LETTER_QUEUE, String.class);
        if (deadLetterQueue != null) {
            error = new JobError(error.code(), error.message() + "; message kept in " + deadLetterQueue);
        }
        if (cause instanceof StepFailure || cause instanceof ProviderUnavailable) {
            log.warn("job {} failed at step {}: {} {} ({})", jobId, step, error.code(), error.message(), detail(cause));
        } else {
            // Not the file's fault: the stack trace is what an operator needs to fix it.
            log.error("job {} failed at step {}: {} {}", jobId, step, error.code(), error.message(), cause);
        }
        // A step end not written yet (validate's or metadata's, StepEnd) is recorded with the failure, as it happened.
        StepEnd ended = StepEnd.take(exchange);
        if (ended == null) {
            lifecycle.fail(jobId, step, error);
        } else {
            lifecycle.fail(jobId, step, error, ended);
        }
    }

    /** The failure as the tenant sees it: a code and a message that says nothing about the installation. */
    static JobError toError(Throwable cause) {
        if (cause instanceof StepFailure failure) {
            return failure.toError();
        }
        if (cause instanceof ProviderUnavailable unavailable) {
            return JobError.of(unavailable.code(), "retries exhausted; the AI provider stayed unavailable");
        }
        return JobError.of(ErrorCode.INTERNAL, "retries exhausted; the step failed for a reason on our side");
    }

    /** The failure as operators need it (logs, dead-letter attributes): the exception and its own text. */
    static String detail(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return cause instanceof StepFailure failure && failure.detail() != null ? text + " — " + failure.detail() : text;
    }
}
