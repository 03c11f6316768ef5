package io.aegis.orchestrate;

import io.aegis.state.Job;
import io.aegis.state.JobStatus;
import io.aegis.state.JobStore;
import org.springframework.stereotype.Component;

/**
 * Whether a tenant already runs as many jobs as it may. Counts RUNNING jobs among the
 * tenant's newest {@link #WINDOW} jobs on the byTenant index: no counter to keep in step with every way a job
 * ends or a worker dies. The check and the claim are not atomic, so consumers claiming at the same instant can
 * pass the limit by at most their number; a limit of jobs in flight, not a hard quota.
 */
@Component
public class TenantJobLimit {

    // A job still running behind this many newer ones of its tenant is not counted.
    static final int WINDOW = 200;

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

    /** True when {@code job} must wait: its tenant's other running jobs already reach the limit. */
    public boolean mustWait(Job job) {
        int limit = limits.limitOf(job.tenant());
        if (limit <= 0 || job.status() != JobStatus.QUEUED) {
            return false; // no limit, or a job taken over from a dead worker (it already had its turn)
        }
        // One bounded read, filtered here: a status filter in the query would page through the whole history.
        long running = jobs.listByTenant(job.tenant(), null, WINDOW, null).jobs().stream()
                .filter(other -> other.status() == JobStatus.RUNNING && !other.jobId().equals(job.jobId()))
                .count();
        return running >= limit;
    }
}
