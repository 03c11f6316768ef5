package io.aegis.platform;

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
            int visibilityTimeoutSeconds) {

        public List<String> all() {
            return List.of(jobs, jobsPriority, media, ai, ingest);
        }

        public String dlqOf(String queue) {
            return queue + dlqSuffix;
        }
    }

    public record Tables(String jobs, String jobsByTenantIndex, String assets, String idempotency, String uploads) {
    }
}
