package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.StepDeadline;
import io.aegis.state.Job;
import io.aegis.state.StepStatus;
import io.aegis.steps.StepCatalog;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Marks the step in {@code aegis.step} RUNNING under this delivery's lease (property {@link #OUTCOME}
 * STARTED), or records that it is already done (DONE) or running elsewhere (BUSY) so the route does not run it.
 */
@Component("stepStarter")
public class StepStarter implements org.apache.camel.Processor {

    /** Exchange property: the {@link StepStart.Outcome} of the current step message. */
    public static final String OUTCOME = "aegis.stepStart";
    /** Exchange property: until when the step that was found BUSY holds its lease. */
    public static final String BUSY_UNTIL = "aegis.busyUntil";
    /** Exchange property: the job as {@link JobClaimer} claimed it, its first step started in the same write. */
    static final String STARTED_WITH_CLAIM = "aegis.startedWithClaim";

    private final JobLifecycle lifecycle;
    private final StepLeases leases;
    private final StepCatalog steps;

    public StepStarter(JobLifecycle lifecycle, StepLeases leases, StepCatalog steps) {
        this.lifecycle = lifecycle;
        this.leases = leases;
        this.steps = steps;
    }

    /** One delivery of one message: Camel's redeliveries of it keep the exchange, so they keep the lease. */
    static String holder(Exchange exchange) {
        return exchange.getExchangeId();
    }

    // The claim's write started the step already (once: a redelivery of the same exchange starts it again, a new attempt).
    private static StepStart startedWithClaim(Exchange exchange, String step, String holder) {
        Job claimed = exchange.getProperty(STARTED_WITH_CLAIM, Job.class);
        exchange.removeProperty(STARTED_WITH_CLAIM);
        boolean started = claimed != null && claimed.leaseHeldBy(holder)
                && claimed.step(step).map(state -> state.status() == StepStatus.RUNNING).orElse(false);
        return started ? new StepStart(StepStart.Outcome.STARTED, claimed) : null;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String step = exchange.getMessage().getHeader(AegisHeaders.STEP, String.class);
        String holder = holder(exchange);
        StepStart start = startedWithClaim(exchange, step, holder);
        if (start == null) {
            // The end of the step this delivery ran just before (validate's, in orchestrate.run) goes in this write.
            start = lifecycle.startStep(jobId, step, holder, StepEnd.take(exchange));
        }
        exchange.setProperty(OUTCOME, start.outcome());
        switch (start.outcome()) {
            case STARTED -> {
                JobHeaders.put(exchange, start.job());
                StepDeadline.set(exchange, Instant.now().plus(steps.timeoutOf(step)));
                leases.started(jobId, step, holder, exchange);
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        leases.ended(holder);
                        // A step stopped at its deadline leaves its interrupt behind: not for the next message.
                        Thread.interrupted();
                    }
                });
            }
            case BUSY -> exchange.setProperty(BUSY_UNTIL, start.job().leaseUntil());
            // Already done (a redelivery, or a JOB_CREATED again after a crash): what the step found (the media type
            // validate and metadata decided) is taken from the job, so the steps after it see it as if it had run.
            case DONE -> {
                if (start.job() != null) {
                    JobHeaders.put(exchange, start.job());
                }
            }
        }
    }
}
