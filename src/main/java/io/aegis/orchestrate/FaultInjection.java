package io.aegis.orchestrate;

import io.aegis.platform.AegisHeaders;
import io.aegis.platform.StepDeadline;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Switches tests use on one step, for jobs whose file name has a prefix: fail it transiently (so retries, the
 * DLQ and redrive can be proven end to end), hold it running until released (so what happens meanwhile
 * can be), or stall it past a short deadline in work that ignores interrupts (so the step deadline can be). Does
 * nothing unless {@code aegis.faults.enabled} (only the test profile sets it).
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
    private volatile Duration stallDeadline;
    private volatile CountDownLatch stallGate;

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

    /**
     * From now on the step of jobs named {@code stall-*} gets {@code deadline} as its time limit and then stays busy
     * (at most a minute) until {@link #endStall}, ignoring interrupts like in-JVM work that never checks.
     */
    public void stall(Duration deadline) {
        if (!enabled) {
            throw new IllegalStateException("fault injection is disabled (aegis.faults.enabled=false)");
        }
        stallGate = new CountDownLatch(1);
        stallDeadline = deadline;
    }

    public void endStall() {
        CountDownLatch stalled = stallGate;
        stallDeadline = null;
        stallGate = null;
        if (stalled != null) {
            stalled.countDown();
        }
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        CountDownLatch held = gate;
        CountDownLatch stalled = stallGate;
        if (!enabled || (!on && held == null && stalled == null)
                || !step.equals(exchange.getMessage().getHeader(AegisHeaders.STEP, String.class))) {
            return;
        }
        String jobId = exchange.getMessage().getHeader(AegisHeaders.JOB_ID, String.class);
        String filename = lifecycle.find(jobId).map(job -> job.filename()).orElse("");
        Duration deadline = stallDeadline;
        if (stalled != null && deadline != null && filename != null && filename.startsWith("stall-")) {
            StepDeadline.set(exchange, Instant.now().plus(deadline));
            stayBusy(stalled);
        }
        if (held != null && filename != null && filename.startsWith(holdPrefix)) {
            held.await(1, TimeUnit.MINUTES);
        }
        if (on && filename != null && filename.startsWith(filenamePrefix)) {
            throw new InjectedFault("injected transient fault in step " + step + " for job " + jobId);
        }
    }

    // Waits without burning CPU, but goes on waiting when interrupted (and keeps the interrupt for the caller).
    private static void stayBusy(CountDownLatch until) {
        boolean interrupted = false;
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (until.getCount() > 0 && System.nanoTime() < end) {
            try {
                until.await(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Not a StepFailure: the pipeline takes it as transient. */
    public static class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }
}
