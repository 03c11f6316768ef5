package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.StepStatus;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;

/**
 * The end of a step not written yet: validate and metadata, which run back to back in the delivery that claimed the
 * job, leave their end (with what they found, {@link StepFindings}) on the exchange, and the next write of that
 * delivery records it in the same conditional write: validate's end with metadata's start, metadata's end with the
 * plan, either one with the job's failure. One write instead of two per step, and the same state once written; until
 * then the step reads RUNNING under the delivery's lease, so a crash in between re-runs it (it wrote nothing else).
 */
record StepEnd(String step, StepStatus outcome, UnaryOperator<Job> findings) {

    private static final String PROPERTY = "aegis.stepEnd";

    /** The job with this step ended and its findings recorded, as {@link JobLifecycle#finishStep} writes it. */
    Job applyTo(Job job, Instant now) {
        return findings.apply(job.stepFinished(step, outcome, null, now));
    }

    /** Leaves the end on the exchange for the delivery's next write. */
    static void defer(Exchange exchange, StepEnd end) {
        exchange.setProperty(PROPERTY, end);
    }

    /** The end left on the exchange, removed from it (the caller writes it); null when there is none. */
    static StepEnd take(Exchange exchange) {
        StepEnd end = exchange.getProperty(PROPERTY, StepEnd.class);
        exchange.removeProperty(PROPERTY);
        return end;
    }

    /** The end left on the exchange, left there (read by another thread: the step deadline's); null when none. */
    static StepEnd peek(Exchange exchange) {
        return exchange.getProperty(PROPERTY, StepEnd.class);
    }
}
