package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.StepStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Marks the current step SUCCEEDED — or SKIPPED when the step found nothing to do (a video without sound
 * has no audio to extract) — with what the step found for the job ({@link StepFindings}) in the same write, and
 * clears {@code aegis.step}, so a later failure is not blamed on it.
 */
@Component("stepFinisher")
public class StepFinisher implements Processor {

    /**
     * Exchange property: true while a route runs steps whose end the same delivery writes next anyway ({@link StepEnd}):
     * the end is left on the exchange for that write instead of written on its own.
     */
    public static final String DEFER_END = "aegis.deferStepEnd";

    private static final Logger log = LoggerFactory.getLogger(StepFinisher.class);

    private final JobLifecycle lifecycle;

    public StepFinisher(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String step = exchange.getMessage().getHeader(AegisHeaders.STEP, String.class);
        boolean skipped = exchange.getProperty(AegisHeaders.STEP_SKIPPED) != null;
        StepStatus outcome = skipped ? StepStatus.SKIPPED : StepStatus.SUCCEEDED;
        if (Boolean.TRUE.equals(exchange.getProperty(DEFER_END, Boolean.class))) {
            // orchestrate.run: the delivery's next write (the next step's start, the plan, or the failure) records it.
            StepEnd.defer(exchange, new StepEnd(step, outcome, StepFindings.take(exchange)));
        } else {
            exchange.setProperty(JobHeaders.WRITTEN, lifecycle.finishStep(jobId, step, outcome, StepFindings.take(exchange)));
        }
        // The job and tenant are in the MDC (camel.mdc), so this line is findable per job.
        log.info("step {} {}", step, outcome);
        exchange.removeProperty(AegisHeaders.STEP_SKIPPED);
        exchange.getMessage().removeHeader(AegisHeaders.STEP);
    }
}
