package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A switch tests use to make one step fail transiently, for jobs whose file name has a prefix, so retries,
 * the DLQ and redrive can be proven end to end. Does nothing unless {@code aegis.faults.enabled} (only the
 * test profile sets it) and the switch is on.
 */
@Component("faultInjection")
public class FaultInjection implements Processor {

    private final boolean enabled;
    private final String step;
    private final String filenamePrefix;
    private final JobLifecycle lifecycle;
    private volatile boolean on;

    public FaultInjection(@Value("${aegis.faults.enabled:false}") boolean enabled,
                          @Value("${aegis.faults.step:summarize}") String step,
                          @Value("${aegis.faults.filename-prefix:poison-}") String filenamePrefix,
                          JobLifecycle lifecycle) {
        this.enabled = enabled;
        this.step = step;
        this.filenamePrefix = filenamePrefix;
        this.lifecycle = lifecycle;
    }

    /** Turns the fault on or off; refused when fault injection is not enabled in configuration. */
    public void switchOn(boolean value) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is disabled (aegis.faults.enabled=false)");
        }
        on = value;
    }

    @Override
    public void process(Exchange exchange) {
        if (!enabled || !on || !step.equals(exchange.getMessage().getHeader(AegisHeaders.STEP, String.class))) {
            return;
        }
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        boolean poisoned = lifecycle.find(jobId)
                .map(job -> job.filename() != null && job.filename().startsWith(filenamePrefix))
                .orElse(false);
        if (poisoned) {
            throw new InjectedFault("injected transient fault in step " + step + " for job " + jobId);
        }
    }

    /** Not a StepFailure: the pipeline takes it as transient. */
    public static class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }
}
