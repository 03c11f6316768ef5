package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Switches tests use on one step, for jobs whose file name has a prefix: fail it transiently (so retries, the
 * DLQ and redrive can be proven end to end), or hold it running until released (so what happens meanwhile
 * can be). Does nothing unless {@code aegis.faults.enabled} (only the test profile sets it).
 */
@Component("faultInjection")
public class FaultInjection implements Processor {

    private final boolean enabled;
    private final String step;
    private final String filenamePrefix;
    private final String holdPrefix;
    private final JobLifecycle lifecycle;
    private volatile boolean on;
    private volatile CountDownLatch gate;

    public FaultInjection(@Value("${aegis.faults.enabled:false}") boolean enabled,
                          @Value("${aegis.faults.step:summarize}") String step,
                          @Value("${aegis.faults.filename-prefix:poison-}") String filenamePrefix,
                          @Value("${aegis.faults.hold-prefix:hold-}") String holdPrefix,
                          JobLifecycle lifecycle) {
        this.enabled = enabled;
        this.step = step;
        this.filenamePrefix = filenamePrefix;
        this.holdPrefix = holdPrefix;
        this.lifecycle = lifecycle;
    }

    /** Turns the fault on or off; refused when fault injection is not enabled in configuration. */
    public void switchOn(boolean value) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is disabled (aegis.faults.enabled=false)");
        }
        on = value;
    }

    /** From now on the step of jobs named {@code hold-*} waits (at most a minute) until {@link #release}. */
    public void hold() {
        if (!enabled) {
            throw new IllegalStateException("fault injection is disabled (aegis.faults.enabled=false)");
        }
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        CountDownLatch held = gate;
        if (!enabled || (!on && held == null)
                || !step.equals(exchange.getMessage().getHeader(AegisHeaders.STEP, String.class))) {
            return;
        }
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String filename = lifecycle.find(jobId).map(job -> job.filename()).orElse("");
        if (held != null && filename != null && filename.startsWith(holdPrefix)) {
            held.await(1, TimeUnit.MINUTES);
        }
        if (on && filename != null && filename.startsWith(filenamePrefix)) {
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
