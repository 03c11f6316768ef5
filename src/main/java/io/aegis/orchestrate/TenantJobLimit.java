package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At most so many jobs of one tenant run at once, counted in one place every process shares ({@link RunningJobSlots}:
 * a conditional write per job start), so the limit holds with any number of orchestrators. A job takes its tenant's
 * slot before it is claimed and gives it back when it ends, in whichever process ends it. A slot whose job ended
 * without giving it back (its process died in between) is reclaimed when a full tenant is checked.
 */
@Component
public class TenantJobLimit {

    private static final Logger log = LoggerFactory.getLogger(TenantJobLimit.class);

    private final JobStore jobs;
    private final RunningJobSlots slots;
    private final TenantJobLimitProperties limits;

    public TenantJobLimit(JobStore jobs, RunningJobSlots slots, TenantJobLimitProperties limits) {
        this.jobs = jobs;
        this.slots = slots;
        this.limits = limits;
    }

    /** How long a job that must wait stays away before it asks again. */
    public Duration retryDelay() {
        return limits.retryDelay();
    }

    /** Whether the tenant has a limit at all (none: its jobs never need checking). */
    public boolean limits(String tenant) {
        return tenant == null || limits.limitOf(tenant) > 0; // no tenant in the message: look at the job
    }

    /** True when {@code job} must wait; otherwise it now holds one of its tenant's slots. */
    public boolean mustWait(Job job) {
        int limit = limits.limitOf(job.tenant());
        if (limit <= 0 || job.status() != JobStatus.QUEUED) {
            return false; // no limit, or a job taken over from a dead worker (it already holds its slot)
        }
        if (slots.take(job.tenant(), job.jobId(), limit)) {
            return false;
        }
        return !(reclaimEnded(job.tenant()) && slots.take(job.tenant(), job.jobId(), limit));
    }

    /** Gives back the slot of a job that will not run after all (it ended, or another delivery holds it). */
    public void notStarted(Job job) {
        if (job.status().isTerminal() && limits.limitOf(job.tenant()) > 0) {
            slots.release(job.tenant(), job.jobId());
        }
    }

    @EventListener
    public void onJobChanged(JobChanged changed) {
        Job job = changed.job();
        if (job.status().isTerminal() && limits.limitOf(job.tenant()) > 0) {
            try {
                slots.release(job.tenant(), job.jobId());
            } catch (RuntimeException e) {
                // Reclaimed by the next check of a full tenant.
                log.warn("job {}: running slot of tenant {} not given back now: {}", job.jobId(), job.tenant(), e.toString());
            }
        }
    }

    // Slots held by jobs that ended (or vanished) without giving them back; true when any was freed.
    private boolean reclaimEnded(String tenant) {
        boolean freed = false;
        for (String holder : slots.holders(tenant)) {
            boolean ended = jobs.find(holder).map(held -> held.status().isTerminal()).orElse(true);
            if (ended) {
                slots.release(tenant, holder);
                log.info("tenant {}: slot of ended job {} reclaimed", tenant, holder);
                freed = true;
            }
        }
        return freed;
    }
}
