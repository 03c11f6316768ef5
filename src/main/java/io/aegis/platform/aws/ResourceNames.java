package io.aegis.platform.aws;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Names of the buckets, queues and tables Aegis uses; every route and store reads them from here. */
@ConfigurationProperties("aegis")
public record ResourceNames(Buckets buckets, Queues queues, Tables tables) {

    public record Buckets(String raw, String processed) {
        public List<String> all() {
            return List.of(raw, processed);
        }
    }

    public record Queues(
            String jobs,
            String jobsPriority,
            String media,
            String ai,
            String ingest,
            String dlqSuffix,
            int maxReceiveCount,
            int waitTimeSeconds,
            int visibilityTimeoutSeconds,
            Consumers consumers,
            String webhooks) {

        /** Every queue with a DLQ: the pipeline's, the S3 events' and the webhook deliveries'. */
        public List<String> all() {
            return webhooks == null ? List.of(jobs, jobsPriority, media, ai, ingest)
                    : List.of(jobs, jobsPriority, media, ai, ingest, webhooks);
        }

        public String dlqOf(String queue) {
            return queue + dlqSuffix;
        }
    }

    /**
     * Threads polling each worker queue in a process holding its role, each working one message at a time. I/O-bound
     * steps (the jobs queue's claim/validate/metadata, the ai queue's offline or remote models) gain from more; media
     * tools are CPU-bound, so more media consumers than cores only queue the tools.
     */
    public record Consumers(int jobs, int jobsPriority, int media, int ai, int webhooks) {
    }

    /**
     * {@code jobsUnfinishedIndex} is sparse: only QUEUED and RUNNING jobs carry its keys (shard and {@code updatedAt}),
     * so the recovery pass reads only jobs that have not moved for a while, never the finished history.
     * {@code jobsQueuedIndex} is sparse too: only a QUEUED job carries its key ({@code queuedTenant}), so counting a
     * tenant's waiting jobs reads just those. The pending uploads are found by when their URL expires
     * ({@code uploadsByExpiryIndex}, all of them) and counted per tenant ({@code uploadsByTenantIndex}).
     * {@code limits} holds what every process counts together (a tenant's running-job slots, shared API rate buckets).
     * {@code webhooks} holds the tenants' webhook endpoints (index {@code webhooksByTenantIndex}: hash {@code tenant}),
     * {@code webhookDeliveries} each event's delivery to one endpoint with its attempts (hash {@code webhookId}, range
     * {@code deliveryId}).
     */
    public record Tables(String jobs, String jobsByTenantIndex, String jobsUnfinishedIndex, String assets,
                         String idempotency, String uploads, String jobsQueuedIndex, String uploadsByExpiryIndex,
                         String uploadsByTenantIndex, String limits, String webhooks, String webhooksByTenantIndex,
                         String webhookDeliveries) {
    }
}
