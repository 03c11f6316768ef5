package io.aegis.orchestrate;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What travels on the SQS queues: JOB_CREATED on aegis-jobs, STEP_REQUESTED on the worker queues. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobMessage(String type, String jobId, String tenant, String assetId, String step) {

    public static final String JOB_CREATED = "JOB_CREATED";
    public static final String STEP_REQUESTED = "STEP_REQUESTED";

    public static JobMessage jobCreated(String jobId, String tenant, String assetId) {
        return new JobMessage(JOB_CREATED, jobId, tenant, assetId, null);
    }

    public static JobMessage stepRequested(String jobId, String tenant, String assetId, String step) {
        return new JobMessage(STEP_REQUESTED, jobId, tenant, assetId, step);
    }
}
