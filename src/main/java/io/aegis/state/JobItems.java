package io.aegis.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps {@link Job} to and from DynamoDB items. Absent optional values are left out of the item. */
final class JobItems {

    /**
     * Attribute set on QUEUED and RUNNING jobs only, to one of {@value #UNFINISHED_SHARDS} values: the hash key of the
     * sparse unfinished-jobs index (range key {@code updatedAt}), where the recovery pass finds jobs that stopped moving.
     * Sharded so that no index partition takes every job's writes.
     */
    static final String UNFINISHED_SHARD = "unfinishedShard";
    static final int UNFINISHED_SHARDS = 8;
    /** Attribute set to the tenant on QUEUED jobs only: the hash key of the sparse queued-jobs index. */
    static final String QUEUED_TENANT = "queuedTenant";

    private JobItems() {
    }

    static Map<String, AttributeValue> toItem(Job job) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, "jobId", job.jobId());
        put(item, "tenant", job.tenant());
        put(item, "assetId", job.assetId());
        put(item, "status", job.status().name());
        // The key of the sparse running-jobs index: present only while the job runs.
        if (job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING) {
            put(item, UNFINISHED_SHARD, shardOf(job.jobId()));
        }
        // The key of the sparse queued-jobs index (a tenant's backlog is capped): present only while it waits.
        if (job.status() == JobStatus.QUEUED) {
            put(item, QUEUED_TENANT, job.tenant());
        }
        put(item, "mediaType", job.mediaType());
        put(item, "mimeType", job.mimeType());
        put(item, "filename", job.filename());
        item.put("sizeBytes", number(job.sizeBytes()));
        put(item, "rawKey", job.rawKey());
        item.put("priority", AttributeValue.fromBool(job.priority()));
        item.put("steps", AttributeValue.fromL(job.steps().stream().map(JobItems::stepItem).toList()));
        if (job.error() != null) {
            item.put("error", AttributeValue.fromM(errorItem(job.error())));
        }
        put(item, "createdAt", instant(job.createdAt()));
        put(item, "updatedAt", instant(job.updatedAt()));
        put(item, "leaseUntil", instant(job.leaseUntil()));
        put(item, "leaseHolder", job.leaseHolder());
        if (job.recoveries() > 0) {
            item.put("recoveries", number(job.recoveries()));
        }
        item.put("version", number(job.version()));
        return item;
    }

    static Job fromItem(Map<String, AttributeValue> item) {
        List<StepState> steps = item.containsKey("steps")
                ? item.get("steps").l().stream().map(v -> step(v.m())).toList()
                : List.of();
        return new Job(
                string(item, "jobId"),
                string(item, "tenant"),
                string(item, "assetId"),
                JobStatus.valueOf(string(item, "status")),
                string(item, "mediaType"),
                string(item, "mimeType"),
                string(item, "filename"),
                longValue(item, "sizeBytes"),
                string(item, "rawKey"),
                item.containsKey("priority") && Boolean.TRUE.equals(item.get("priority").bool()),
                steps,
                item.containsKey("error") ? error(item.get("error").m()) : null,
                parseInstant(string(item, "createdAt")),
                parseInstant(string(item, "updatedAt")),
                parseInstant(string(item, "leaseUntil")),
                string(item, "leaseHolder"),
                (int) longValue(item, "recoveries"),
                longValue(item, "version"));
    }

    static String shardOf(String jobId) {
        return Integer.toString(Math.floorMod(jobId.hashCode(), UNFINISHED_SHARDS));
    }

    private static AttributeValue stepItem(StepState step) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, "name", step.name());
        put(item, "status", step.status().name());
        item.put("attempts", number(step.attempts()));
        put(item, "startedAt", instant(step.startedAt()));
        put(item, "finishedAt", instant(step.finishedAt()));
        if (step.error() != null) {
            item.put("error", AttributeValue.fromM(errorItem(step.error())));
        }
        put(item, "worker", step.worker());
        return AttributeValue.fromM(item);
    }

    private static StepState step(Map<String, AttributeValue> item) {
        return new StepState(
                string(item, "name"),
                StepStatus.valueOf(string(item, "status")),
                (int) longValue(item, "attempts"),
                parseInstant(string(item, "startedAt")),
                parseInstant(string(item, "finishedAt")),
                item.containsKey("error") ? error(item.get("error").m()) : null,
                string(item, "worker"));
    }

    private static Map<String, AttributeValue> errorItem(JobError error) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, "code", error.code());
        put(item, "message", error.message());
        return item;
    }

    private static JobError error(Map<String, AttributeValue> item) {
        return new JobError(string(item, "code"), string(item, "message"));
    }

    static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long longValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    // Fixed width, so createdAt sorts correctly as the byTenant index's range key.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    static String instant(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    static Instant parseInstant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
