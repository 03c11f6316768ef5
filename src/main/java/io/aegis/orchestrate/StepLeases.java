package io.aegis.orchestrate;

import io.aegis.media.ToolProcesses;
import io.aegis.platform.StepDeadline;
import io.aegis.state.ErrorCode;
import io.aegis.state.JobError;
import io.aegis.state.JobStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps running in this process, each under its job's lease. {@link #renewAll} (a timer route) keeps
 * the leases of live steps from lapsing, so a duplicate message finds them busy however long they take,
 * while a crashed worker's lease lapses and its step can be taken over. A step whose job ended meanwhile
 * (cancelled) has its tools stopped at once instead of running to the end for nothing. A step past its deadline
 * ({@link StepDeadline}: its configured timeout) is not renewed again: it fails PROCESSING_TIMEOUT, which releases
 * the lease, its tools are stopped and its thread interrupted, whether the work is a tool or in-JVM (PDFBox, ImageIO)
 * and whether or not that work ever looks up.
 */
@Component("stepLeases")
public class StepLeases {

    private static final Logger log = LoggerFactory.getLogger(StepLeases.class);

    private final Map<String, RunningStep> running = new ConcurrentHashMap<>();
    private final JobLifecycle lifecycle;
    private final ToolProcesses tools;

    public StepLeases(JobLifecycle lifecycle, ToolProcesses tools) {
        this.lifecycle = lifecycle;
        this.tools = tools;
    }

    record RunningStep(String jobId, String step, String holder, Exchange exchange, Thread thread) {

        boolean outOfTime() {
            return StepDeadline.remaining(exchange).map(left -> left.isNegative() || left.isZero()).orElse(false);
        }
    }

    /** The step now running on this thread for {@code exchange}, whose deadline is set on it. */
    void started(String jobId, String step, String holder, Exchange exchange) {
        running.put(holder, new RunningStep(jobId, step, holder, exchange, Thread.currentThread()));
    }

    void ended(String holder) {
        running.remove(holder);
    }

    public int runningCount() {
        return running.size();
    }

    /** Stops the job's steps running in this process now (it was just cancelled here); false when none ran here. */
    public boolean stopHere(String jobId) {
        var here = running.values().stream().filter(step -> step.jobId().equals(jobId)).toList();
        here.forEach(step -> running.remove(step.holder()));
        here.stream().findFirst().ifPresent(this::letGo);
        return !here.isEmpty();
    }

    /**
     * Renews every running step's lease; a step that lost its lease is let go, its tools stopped if its job ended;
     * a step past its deadline is failed instead of renewed.
     */
    public void renewAll() {
        for (RunningStep step : running.values()) {
            try {
                if (step.outOfTime()) {
                    timeOut(step);
                    continue;
                }
                if (!lifecycle.renewLease(step.jobId(), step.holder())) {
                    running.remove(step.holder());
                    letGo(step);
                }
            } catch (RuntimeException e) {
                // DynamoDB unreachable: try again next round; the lease may lapse meanwhile, which is safe.
                log.warn("could not renew the lease of job {} step {}: {}", step.jobId(), step.step(), e.toString());
            }
        }
    }

    private void timeOut(RunningStep step) {
        if (!running.remove(step.holder(), step)) {
            return; // it ended meanwhile
        }
        JobError error = JobError.of(ErrorCode.PROCESSING_TIMEOUT,
                "step " + step.step() + " ran past its time limit and was stopped");
        if (lifecycle.timeOut(step.jobId(), step.step(), step.holder(), error, StepEnd.peek(step.exchange()))) {
            int stopped = tools.stop(step.jobId());
            // In-JVM work (PDFBox, ImageIO) stops where it checks; work that never checks just ends unrecorded.
            step.thread().interrupt();
            log.warn("job {} step {} ran past its deadline: failed PROCESSING_TIMEOUT, {} tool(s) stopped, its thread "
                    + "interrupted", step.jobId(), step.step(), stopped);
        }
    }

    private void letGo(RunningStep step) {
        var status = lifecycle.find(step.jobId()).map(job -> job.status()).orElse(null);
        if (status == JobStatus.CANCELLED) {
            int stopped = tools.stop(step.jobId());
            log.info("job {} was cancelled while step {} ran: {} tool(s) stopped", step.jobId(), step.step(), stopped);
        } else if (status == JobStatus.RUNNING) {
            log.warn("job {} step {}: lease taken over by another worker", step.jobId(), step.step());
        }
        // Otherwise the step itself ended the job (its last step) and is just completing.
    }
}
