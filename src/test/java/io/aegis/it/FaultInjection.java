package io.aegis.it;

import io.aegis.orchestrate.JobLifecycle;
import io.aegis.platform.AegisHeaders;
import io.aegis.platform.StepDeadline;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Switches tests use on one step, for jobs whose file name has a prefix: fail it transiently (so retries, the
 * DLQ and redrive can be proven end to end), hold it running until released (so what happens meanwhile
 * can be), or stall it past a short deadline in work that ignores interrupts (so the step deadline can be). Test code
 * only: {@link Wiring} weaves it into {@code orchestrate.run-step} with AdviceWith, right after the step started
 * (before its workspace is prepared and it runs); the production route knows nothing of it. Imported by
 * {@link PipelineTestSupport}, configured by {@code aegis.faults.*} in application-test.yaml.
 */
public class FaultInjection implements Processor {

    private final String step;
    private final String filenamePrefix;
    private final String holdPrefix;
    private final JobLifecycle lifecycle;
    private volatile boolean on;
    private volatile CountDownLatch gate;
    private volatile Duration stallDeadline;
    private volatile CountDownLatch stallGate;

    /** The node of orchestrate.run-step the switch runs before: the step has started, its work not yet. */
    static final String WOVEN_BEFORE = "prepare-workspace";

    public FaultInjection(@Value("${aegis.faults.step:summarize}") String step,
                          @Value("${aegis.faults.filename-prefix:poison-}") String filenamePrefix,
                          @Value("${aegis.faults.hold-prefix:hold-}") String holdPrefix,
                          JobLifecycle lifecycle) {
        this.step = step;
        this.filenamePrefix = filenamePrefix;
        this.holdPrefix = holdPrefix;
        this.lifecycle = lifecycle;
    }

    /** Turns the transient fault on or off. */
    public void switchOn(boolean value) {
        on = value;
    }

    /** From now on the step of jobs named {@code hold-*} waits (at most a minute) until {@link #release}. */
    public void hold() {
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
        if ((!on && held == null && stalled == null)
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

    /** The switch as a bean, woven into the route once Camel has started (the route is restarted with it). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        FaultInjection faultInjection(@Value("${aegis.faults.step:summarize}") String step,
                                      @Value("${aegis.faults.filename-prefix:poison-}") String filenamePrefix,
                                      @Value("${aegis.faults.hold-prefix:hold-}") String holdPrefix,
                                      JobLifecycle lifecycle) {
            return new FaultInjection(step, filenamePrefix, holdPrefix, lifecycle);
        }

        @Bean
        CamelContextConfiguration faultInjectionWeaving(FaultInjection faults) {
            return new CamelContextConfiguration() {
                @Override
                public void beforeApplicationStart(CamelContext camel) {
                }

                @Override
                public void afterApplicationStart(CamelContext camel) {
                    try {
                        AdviceWith.adviceWith(camel, "orchestrate.run-step",
                                route -> route.weaveById(WOVEN_BEFORE).before().process(faults));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot weave the fault switch into orchestrate.run-step", e);
                    }
                }
            };
        }
    }
}
