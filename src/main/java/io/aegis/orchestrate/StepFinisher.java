package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Marks the current step SUCCEEDED and clears {@code aegis.step}, so a later failure is not blamed on it. */
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
        lifecycle.finishStep(jobId, step);
        exchange.getMessage().removeHeader(AegisHeaders.STEP);
    }
}
