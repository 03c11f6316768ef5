package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import org.springframework.stereotype.Component;

/**
 * Whether a tenant already runs as many jobs as it may: a count of the tenant's RUNNING jobs under a live lease
 * ({@link JobStore#countRunning}, over the sparse running-jobs index, which only RUNNING jobs are in), so there is no
 * counter to keep in step with every way a job ends or a worker dies, and a job stranded by a dead worker stops
 * counting once its lease lapses. The check and the claim are not atomic, so consumers claiming
 * at the same instant can pass the limit by at most their number; a limit of jobs in flight, not a hard quota.
 */
@Component
public class TenantJobLimit {

    private final JobStore jobs;
    private final TenantJobLimitProperties limits;

    public TenantJobLimit(JobStore jobs, TenantJobLimitProperties limits) {
        this.jobs = jobs;
        this.limits = limits;
    }

    /** How long a job that must wait stays away before it asks again. */
    public java.time.Duration retryDelay() {
        return limits.retryDelay();
    }

    /** Whether the tenant has a limit at all (none: its jobs never need checking). */
    public boolean limits(String tenant) {
        return tenant == null || limits.limitOf(tenant) > 0; // no tenant in the message: look at the job
    }

    /** True when {@code job} must wait: its tenant's other running jobs already reach the limit. */
    public boolean mustWait(Job job) {
        int limit = limits.limitOf(job.tenant());
        if (limit <= 0 || job.status() != JobStatus.QUEUED) {
            return false; // no limit, or a job taken over from a dead worker (it already had its turn)
        }
        return jobs.countRunning(job.tenant(), job.jobId(), java.time.Instant.now()) >= limit;
    }
}
