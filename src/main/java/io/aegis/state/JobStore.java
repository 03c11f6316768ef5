package io.aegis.state;

import io.aegis.platform.aws.ResourceNames;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Jobs in DynamoDB. Every write is conditional on the {@code version} the job was read at, so two
 * workers (or a redelivered message) can never overwrite each other's progress.
 */
@Component
public class JobStore {

    private final DynamoDbClient dynamo;
    private final VersionedTable<Job> items;
    private final String table;
    private final String byTenantIndex;
    private final String unfinishedIndex;
    private final String queuedIndex;
    private final ApplicationEventPublisher events;

    public JobStore(DynamoDbClient dynamo, ResourceNames names, ApplicationEventPublisher events) {
        this.dynamo = dynamo;
        this.events = events;
        this.table = names.tables().jobs();
        this.byTenantIndex = names.tables().jobsByTenantIndex();
        this.unfinishedIndex = names.tables().jobsUnfinishedIndex();
        this.queuedIndex = names.tables().jobsQueuedIndex();
        this.items = new VersionedTable<>(dynamo, table, "jobId", JobItems::toItem, JobItems::fromItem,
                Job::version, Job::withVersion);
    }

    /** Stores a new job; false when a job with this id already exists (a re-delivered ingest). */
    public boolean create(Job job) {
        boolean created = items.create(job);
        if (created) {
            events.publishEvent(new JobChanged(job));
        }
        return created;
    }

    public Optional<Job> find(String jobId) {
        return items.find(jobId);
    }

    /** Removes the job item (its asset was deleted); removing one that is already gone is not an error. */
    public void delete(String jobId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("jobId", AttributeValue.fromS(jobId))));
    }

    /**
     * Applies {@code change} to the current job and writes it if nobody wrote in between, re-reading and
     * re-applying on a conflict. {@code change} returns the same instance to mean "nothing to do".
     *
     * @return the job as stored after the call, or empty if the job does not exist
     */
    public Optional<Job> update(String jobId, UnaryOperator<Job> change) {
        boolean[] changed = {false};
        Optional<Job> stored = items.update(jobId, job -> {
            Job after = change.apply(job);
            changed[0] = after != job;
            return after;
        });
        // Only a write is news: "nothing to do" (the same instance) publishes nothing.
        if (changed[0]) {
            stored.ifPresent(job -> events.publishEvent(new JobChanged(job)));
        }
        return stored;
    }

    /**
     * Jobs still QUEUED or RUNNING that nothing has written since before {@code cutoff}, oldest first within each
     * shard of the sparse unfinished-jobs index, at most {@code limit}: the recovery pass's candidates.
     */
    public List<String> unfinishedNotUpdatedSince(Instant cutoff, int limit) {
        List<String> ids = new ArrayList<>();
        for (int shard = 0; shard < JobItems.UNFINISHED_SHARDS && ids.size() < limit; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                var request = QueryRequest.builder()
                        .tableName(table)
                        .indexName(unfinishedIndex)
                        .keyConditionExpression("#shard = :shard AND #updated < :cutoff")
                        .expressionAttributeNames(Map.of("#shard", JobItems.UNFINISHED_SHARD, "#updated", "updatedAt"))
                        .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(Integer.toString(shard)),
                                ":cutoff", AttributeValue.fromS(JobItems.instant(cutoff))))
                        .limit(limit - ids.size());
                if (start != null) {
                    request.exclusiveStartKey(start);
                }
                QueryResponse response = dynamo.query(request.build());
                response.items().forEach(item -> ids.add(item.get("jobId").s()));
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
            } while (start != null && ids.size() < limit);
        }
        return ids;
    }

    /**
     * How many of the tenant's jobs are QUEUED, counted up to {@code atMost} only: a count over the sparse queued-jobs
     * index that reads no more than that many keys, however long the backlog. Eventually consistent on AWS.
     */
    public long countQueued(String tenant, int atMost) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder()
                    .tableName(table)
                    .indexName(queuedIndex)
                    .keyConditionExpression("#t = :tenant")
                    .expressionAttributeNames(Map.of("#t", JobItems.QUEUED_TENANT))
                    .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant)))
                    .select(Select.COUNT)
                    .limit((int) Math.max(1, atMost - count));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && count < atMost);
        return count;
    }

    /**
     * The tenant's jobs, newest first, optionally only those in {@code status}, reading at most {@code maxPages} index
     * pages: a filter that matches few of a long history answers with fewer jobs (even none) and a cursor to go on
     * from, instead of reading the whole partition in one call.
     */
    public JobPage listByTenant(String tenant, JobStatus status, int limit, String cursor, int maxPages) {
        List<Job> jobs = new ArrayList<>();
        Map<String, AttributeValue> start = decodeCursor(cursor);
        if (start != null && !tenant.equals(start.get("tenant").s())) {
            throw new InvalidCursorException();
        }
        int pages = 0;
        do {
            pages++;
            var request = QueryRequest.builder()
                    .tableName(table)
                    .indexName(byTenantIndex)
                    .keyConditionExpression("tenant = :tenant")
                    .scanIndexForward(false)
                    .limit(limit - jobs.size());
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":tenant", AttributeValue.fromS(tenant)));
            if (status != null) {
                request.filterExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"));
                values.put(":status", AttributeValue.fromS(status.name()));
            }
            request.expressionAttributeValues(values);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().stream().map(JobItems::fromItem).forEach(jobs::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && jobs.size() < limit && pages < maxPages);
        return new JobPage(jobs, start == null ? null : encodeCursor(start));
    }

    /** Up to {@code limit} of the tenant's jobs created before {@code cutoff}, oldest first (the retention sweep). */
    public List<Job> createdBefore(String tenant, java.time.Instant cutoff, int limit) {
        List<Job> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder()
                    .tableName(table)
                    .indexName(byTenantIndex)
                    .keyConditionExpression("tenant = :tenant AND createdAt < :cutoff")
                    .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant),
                            ":cutoff", AttributeValue.fromS(JobItems.instant(cutoff))))
                    .scanIndexForward(true)
                    .limit(limit - found.size());
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().stream().map(JobItems::fromItem).forEach(found::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    // The cursor is the index key of the last job returned: jobId, tenant, createdAt, joined by newlines.
    private static String encodeCursor(Map<String, AttributeValue> key) {
        String raw = key.get("jobId").s() + "\n" + key.get("tenant").s() + "\n" + key.get("createdAt").s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException();
        }
        if (parts.length != 3) {
            throw new InvalidCursorException();
        }
        return Map.of("jobId", AttributeValue.fromS(parts[0]),
                "tenant", AttributeValue.fromS(parts[1]),
                "createdAt", AttributeValue.fromS(parts[2]));
    }

    public record JobPage(List<Job> jobs, String nextCursor) {
    }

    public static class InvalidCursorException extends IllegalArgumentException {
        public InvalidCursorException() {
            super("cursor is not one this API returned");
        }
    }
}
