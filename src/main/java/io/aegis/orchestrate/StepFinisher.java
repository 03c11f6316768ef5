package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.state.StepStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Marks the current step SUCCEEDED — or SKIPPED when the step found nothing to do (a video without sound
 * has no audio to extract) — and clears {@code aegis.step}, so a later failure is not blamed on it.
 */
@Component("stepFinisher")
public class StepFinisher implements Processor {

    private final JobLifecycle lifecycle;

    public StepFinisher(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String step = exchange.getMessage().getHeader(AegisHeaders.STEP, String.class);
        boolean skipped = exchange.getProperty(AegisHeaders.STEP_SKIPPED) != null;
        lifecycle.finishStep(jobId, step, skipped ? StepStatus.SKIPPED : StepStatus.SUCCEEDED);
        exchange.removeProperty(AegisHeaders.STEP_SKIPPED);
        exchange.getMessage().removeHeader(AegisHeaders.STEP);
    }
}
