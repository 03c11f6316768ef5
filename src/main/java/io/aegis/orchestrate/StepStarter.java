package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** Marks the step in {@code aegis.step} RUNNING, or flags it as already done so the route skips it. */
@Component("stepStarter")
public class StepStarter implements Processor {

    public static final String SKIP = "aegis.skipStep";

    private final JobLifecycle lifecycle;

    public StepStarter(JobLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void process(Exchange exchange) {
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String step = exchange.getMessage().getHeader(AegisHeaders.STEP, String.class);
        var started = lifecycle.startStep(jobId, step);
        exchange.setProperty(SKIP, started.isEmpty());
        started.ifPresent(job -> JobHeaders.put(exchange, job));
    }
}
