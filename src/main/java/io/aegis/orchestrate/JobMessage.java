package io.aegis.orchestrate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What travels on the SQS queues: JOB_CREATED on aegis-jobs, STEP_REQUESTED on the worker queues. JOB_WAITING, on
 * aegis-jobs too, is the fallback copy of a JOB_CREATED whose tenant was at its limit of running jobs ({@link
 * TenantJobLimit}): the job is woken by a fresh JOB_CREATED when a slot frees, so the copy matters only while the job
 * still waits. It is handled as a JOB_CREATED otherwise (a process of an older version treats it as one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobMessage(String type, String jobId, String tenant, String assetId, String step) {

    public static final String JOB_CREATED = "JOB_CREATED";
    public static final String JOB_WAITING = "JOB_WAITING";
    public static final String STEP_REQUESTED = "STEP_REQUESTED";

    public static JobMessage jobCreated(String jobId, String tenant, String assetId) {
        return new JobMessage(JOB_CREATED, jobId, tenant, assetId, null);
    }

    public static JobMessage stepRequested(String jobId, String tenant, String assetId, String step) {
        return new JobMessage(STEP_REQUESTED, jobId, tenant, assetId, step);
    }

    /** The fallback copy of this JOB_CREATED while its job waits for one of its tenant's running slots. */
    public JobMessage waitingForSlot() {
        return new JobMessage(JOB_WAITING, jobId, tenant, assetId, null);
    }

    /** True for a fallback copy ({@link #JOB_WAITING}). */
    public boolean waitingCopy() {
        return JOB_WAITING.equals(type);
    }
}
