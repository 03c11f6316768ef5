package io.aegis.webhooks;

import io.aegis.state.JobStatus;
import java.util.List;

/** The events a webhook can subscribe to. */
public final class WebhookEventType {

    public static final String JOB_SUCCEEDED = "job.succeeded";
    public static final String JOB_FAILED = "job.failed";
    public static final String JOB_CANCELLED = "job.cancelled";
    public static final String ASSET_DELETED = "asset.deleted";

    public static final List<String> ALL = List.of(JOB_SUCCEEDED, JOB_FAILED, JOB_CANCELLED, ASSET_DELETED);

    private WebhookEventType() {
    }

    /** The event a job's terminal status is, or null for a status that is not an event. */
    public static String ofJob(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> JOB_SUCCEEDED;
            case FAILED -> JOB_FAILED;
            case CANCELLED -> JOB_CANCELLED;
            default -> null;
        };
    }
}
