package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.JobChanged;
import io.aegis.state.JobStore;
import io.aegis.state.RunningJobSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * A job that finds its tenant full puts itself on the tenant's waiting list (in the same shared item) and waits; the
 * process that gives a slot back takes the oldest waiter off the list and wakes it ({@link WaitingJobWaker}: a fresh
 * JOB_CREATED), so a tenant's backlog runs back to back with no fixed delay. The waiting job's own message comes back
 * only after {@code retry-delay}, a fallback for a wake-up that was lost (its process died between the two writes).
 * After listing itself a job tries its slot once more, so a slot given back between its first try and its listing is
 * never missed.
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
    private final WaitingJobWaker waker;

    public TenantJobLimit(JobStore jobs, RunningJobSlots slots, TenantJobLimitProperties limits, WaitingJobWaker waker) {
        this.jobs = jobs;
        this.slots = slots;
        this.limits = limits;
        this.waker = waker;
    }

    /** How long a waiting job's own message stays away: the fallback should its wake-up be lost. */
    public Duration retryDelay() {
        return limits.retryDelay();
    }

    /** Whether the tenant has a limit at all (none: its jobs never need checking). */
    public boolean limits(String tenant) {
        return tenant == null || limits.limitOf(tenant) > 0; // no tenant in the message: look at the job
    }

    /** True when {@code job} must wait (it is then on its tenant's waiting list); otherwise it holds a slot. */
    public boolean mustWait(Job job) {
        int limit = limits.limitOf(job.tenant());
        Instant now = Instant.now();
        if (limit <= 0 || !job.claimable(now)) {
            return false; // no limit, or the claim will not take it (it ended, or a live lease holds it)
        }
        String tenant = job.tenant();
        String entry = RunningJobSlots.waitingEntry(job);
        // QUEUED, or taken over from a lost worker: it still holds its slot then, unless that slot was reclaimed.
        if (slots.take(tenant, job.jobId(), limit, entry)) {
            return false;
        }
        int freed = reclaimIdle(tenant, now);
        if (freed > 0 && slots.take(tenant, job.jobId(), limit, entry)) {
            wakeWaiters(tenant, freed - 1, slots.waiting(tenant)); // the other freed slots go to the oldest waiters
            return false;
        }
        if (!slots.await(tenant, entry)) {
            log.warn("job {}: waiting list of tenant {} is full ({}): it tries again after {}", job.jobId(), tenant,
                    RunningJobSlots.MAX_WAITING, limits.retryDelay());
        }
        // A slot given back before the listing woke nobody for this job: try once more now that it is listed.
        return !slots.take(tenant, job.jobId(), limit, entry);
    }

    /** Gives back the slot of a job that will not run after all (it ended, or another delivery holds it). */
    public void notStarted(Job job) {
        if (job.status().isTerminal() && limits.limitOf(job.tenant()) > 0) {
            giveBack(job);
        }
    }

    @EventListener
    public void onJobChanged(JobChanged changed) {
        Job job = changed.job();
        if (job.status().isTerminal() && limits.limitOf(job.tenant()) > 0) {
            try {
                giveBack(job);
            } catch (RuntimeException e) {
                // Reclaimed by the next check of a full tenant; a waiter not woken now comes back after retry-delay.
                log.warn("job {}: running slot of tenant {} not given back now: {}", job.jobId(), job.tenant(), e.toString());
            }
        }
    }

    // The job's slot (and any place it still had on the waiting list) back; a slot it really held wakes one waiter.
    private void giveBack(Job job) {
        List<String> waiting = slots.release(job.tenant(), job.jobId(), RunningJobSlots.waitingEntry(job));
        wakeWaiters(job.tenant(), 1, waiting);
    }

    /** Takes up to {@code count} waiters off the list, oldest first, and wakes each that still waits. */
    private void wakeWaiters(String tenant, int count, List<String> waiting) {
        int woken = 0;
        for (String entry : waiting) {
            if (woken >= count) {
                return;
            }
            if (!slots.unlist(tenant, entry)) {
                continue; // another process woke it, or it took a slot itself
            }
            Optional<Job> job = jobs.find(RunningJobSlots.jobIdOf(entry));
            if (job.isEmpty() || !job.get().claimable(Instant.now())) {
                continue; // cancelled, deleted or already running: it needs no wake-up
            }
            try {
                waker.wake(job.get());
                woken++;
                log.info("tenant {}: a running slot was given back, job {} woken", tenant, job.get().jobId());
            } catch (RuntimeException e) {
                log.warn("job {}: not woken ({}); its own message comes back after {}", job.get().jobId(), e.toString(),
                        limits.retryDelay());
            }
        }
    }

    // Slots held by jobs that ended (or vanished) without giving them back, or whose worker was lost; how many were
    // freed.
    private int reclaimIdle(String tenant, Instant now) {
        int freed = 0;
        for (String holder : slots.holders(tenant)) {
            Optional<Job> held = jobs.find(holder);
            String why = held.isEmpty() || held.get().status().isTerminal() ? "ended"
                    : held.get().workerLost(now) ? "stranded (its worker was lost)" : null;
            if (why != null) {
                slots.release(tenant, holder);
                log.info("tenant {}: slot of {} job {} reclaimed", tenant, why, holder);
                freed++;
            }
        }
        return freed;
    }
}
