package io.aegis.orchestrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.AegisHeaders;
import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a JOB_CREATED message: claims the job and puts its identity in the headers, or marks the exchange
 * as not claimed so the route acknowledges it and stops. A job held under another worker's live lease is
 * not dropped: that worker may have died (its message came back), so the message is sent again to arrive
 * when the lease ends, and whoever finds the job then resumes it. A job whose tenant already runs as many
 * jobs as {@link TenantJobLimit} allows waits on the tenant's waiting list, QUEUED: the process that gives a slot
 * back wakes it with a fresh JOB_CREATED, and its own message comes back as a fallback copy after {@code retry-delay}.
 * A fallback copy whose job no longer waits (it was woken and runs under a live lease) is dropped.
 */
@Component("jobClaimer")
public class JobClaimer implements Processor {

    public static final String CLAIMED = "aegis.claimed";
    /** The step the delivery that claims a job runs first (orchestrate.run): started in the claim's own write. */
    static final String FIRST_STEP = "validate";
    private static final Logger log = LoggerFactory.getLogger(JobClaimer.class);

    private final JobLifecycle lifecycle;
    private final TenantJobLimit tenantLimit;
    private final ObjectMapper json;

    public JobClaimer(JobLifecycle lifecycle, TenantJobLimit tenantLimit, ObjectMapper json) {
        this.lifecycle = lifecycle;
        this.tenantLimit = tenantLimit;
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JobMessage message = exchange.getMessage().getMandatoryBody(JobMessage.class);
        exchange.getMessage().setHeader(AegisHeaders.JOB_ID, message.jobId());
        if (message.waitingCopy() && lifecycle.find(message.jobId()).filter(JobClaimer::stillWaits).isEmpty()) {
            log.info("job {} no longer waits for a slot (woken meanwhile, or ended): its fallback copy is dropped",
                    message.jobId());
            exchange.setProperty(CLAIMED, false);
            return;
        }
        Optional<Job> claimed;
        // The slot itself is taken atomically across processes (TenantJobLimit); holding the lock here keeps this
        // process's consumers from racing on the same job's slot and claim.
        synchronized (this) {
            if (tenantLimit.limits(message.tenant())
                    && lifecycle.find(message.jobId()).filter(tenantLimit::mustWait).isPresent()) {
                log.info("job {} waits: tenant {} runs its limit of jobs", message.jobId(), message.tenant());
                exchange.setProperty(CLAIMED, false);
                // Woken when a slot frees; meanwhile its message is sent again as a fallback copy, delayed
                // (orchestrate.defer-step: a new message, so waiting never counts towards the DLQ).
                exchange.setProperty(StepStarter.BUSY_UNTIL, Instant.now().plus(tenantLimit.retryDelay()));
                exchange.setProperty(StepDeferrer.RESEND_BODY, json.writeValueAsString(message.waitingForSlot()));
                return;
            }
            // The delivery holds the lease: its validate and metadata steps run under it. Validate, the first, starts
            // in the claim's write (StepStarter finds it started instead of writing again).
            claimed = lifecycle.claimAndStart(message.jobId(), StepStarter.holder(exchange), FIRST_STEP);
        }
        exchange.setProperty(CLAIMED, claimed.isPresent());
        if (claimed.isPresent()) {
            JobHeaders.put(exchange, claimed.get());
            exchange.setProperty(StepStarter.STARTED_WITH_CLAIM, claimed.get());
            return;
        }
        Job job = lifecycle.find(message.jobId()).orElse(null);
        if (job != null) {
            tenantLimit.notStarted(job);
        }
        if (job == null || job.status().isTerminal() || job.leaseUntil() == null) {
            log.info("job {} not claimable (missing or finished): message dropped", message.jobId());
            return;
        }
        // Held under a live lease: the route sends it back for when the lease ends (orchestrate.defer-step).
        exchange.setProperty(StepStarter.BUSY_UNTIL, job.leaseUntil());
    }

    // False once the job was woken and claimed and a delivery is at it (RUNNING under a live lease): this copy has
    // nothing left to do. A reopened job (redrive: RUNNING, no lease) still needs it, and so does a job whose lease
    // lapsed, even between steps: the delivery that claimed it may have been this very copy, killed after a step
    // ended and before the next was sent (WholeProcessCrashIT once left such a job RUNNING for good, holding its
    // tenant's only slot). The claim below resumes it; where the next step's message was sent after all, the step
    // finds that message's run started or done and runs once.
    private static boolean stillWaits(Job job) {
        return !(job.status() == JobStatus.RUNNING && job.liveLease(Instant.now()));
    }
}
