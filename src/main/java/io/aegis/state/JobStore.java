package io.aegis.state;

import io.aegis.platform.ResourceNames;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.nio.charset.StandardCharsets;
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
    private final String runningIndex;
    private final ApplicationEventPublisher events;

    public JobStore(DynamoDbClient dynamo, ResourceNames names, ApplicationEventPublisher events) {
        this.dynamo = dynamo;
        this.events = events;
        this.table = names.tables().jobs();
        this.byTenantIndex = names.tables().jobsByTenantIndex();
        this.runningIndex = names.tables().jobsRunningIndex();
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
     * How many of the tenant's jobs are RUNNING, other than {@code exceptJobId}: a count over the sparse running-jobs
     * index, which holds RUNNING jobs only, so it reads no finished history. The index is eventually consistent on
     * AWS: a job that just started or ended may be counted a moment late.
     */
    public long countRunning(String tenant, String exceptJobId) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder()
                    .tableName(table)
                    .indexName(runningIndex)
                    .keyConditionExpression("#t = :tenant")
                    .filterExpression("jobId <> :except")
                    .expressionAttributeNames(Map.of("#t", JobItems.RUNNING_TENANT))
                    .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant),
                            ":except", AttributeValue.fromS(exceptJobId)))
                    .select(Select.COUNT);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            count += response.count();
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** The tenant's jobs, newest first, optionally only those in {@code status}. */
    public JobPage listByTenant(String tenant, JobStatus status, int limit, String cursor) {
        List<Job> jobs = new ArrayList<>();
        Map<String, AttributeValue> start = decodeCursor(cursor);
        if (start != null && !tenant.equals(start.get("tenant").s())) {
            throw new InvalidCursorException();
        }
        do {
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
        } while (start != null && jobs.size() < limit);
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
