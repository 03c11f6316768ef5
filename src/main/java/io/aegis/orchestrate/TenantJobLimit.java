package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At most so many jobs of one tenant run at once, counted in one place every process shares ({@link RunningJobSlots}:
 * a conditional write per job start), so the limit holds with any number of orchestrators. A job takes its tenant's
 * slot before it is claimed and gives it back when it ends, in whichever process ends it.
 * <p>
 * Only jobs a worker is at, or whose next step is on its way, hold a slot: when a full tenant is checked, the slots
 * of jobs that ended or vanished without giving theirs back (their process died in between) are reclaimed, and so
 * are those of jobs whose worker was lost ({@link Job#workerLost}: RUNNING, lease lapsed, a step left running or none
 * started), so jobs stranded by dead workers never stop their tenant. A job between steps keeps its slot while its
 * next step waits on a queue, so a backlog does not let a tenant start more jobs than its limit.
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
        Instant now = Instant.now();
        if (limit <= 0 || !job.claimable(now)) {
            return false; // no limit, or the claim will not take it (it ended, or a live lease holds it)
        }
        // QUEUED, or taken over from a lost worker: it still holds its slot then, unless that slot was reclaimed.
        if (slots.take(job.tenant(), job.jobId(), limit)) {
            return false;
        }
        return !(reclaimIdle(job.tenant(), now) && slots.take(job.tenant(), job.jobId(), limit));
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

    // Slots held by jobs that ended (or vanished) without giving them back, or whose worker was lost; true when any
    // was freed.
    private boolean reclaimIdle(String tenant, Instant now) {
        boolean freed = false;
        for (String holder : slots.holders(tenant)) {
            Optional<Job> held = jobs.find(holder);
            String why = held.isEmpty() || held.get().status().isTerminal() ? "ended"
                    : held.get().workerLost(now) ? "stranded (its worker was lost)" : null;
            if (why != null) {
                slots.release(tenant, holder);
                log.info("tenant {}: slot of {} job {} reclaimed", tenant, why, holder);
                freed = true;
            }
        }
        return freed;
    }
}
