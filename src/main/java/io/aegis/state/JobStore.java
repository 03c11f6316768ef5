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
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Jobs in DynamoDB. Every write is conditional on the {@code version} the job was read at, so two
 * workers (or a redelivered message) can never overwrite each other's progress.
 */
@Component
public class JobStore {

    private static final int MAX_CONFLICT_RETRIES = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String byTenantIndex;

    public JobStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().jobs();
        this.byTenantIndex = names.tables().jobsByTenantIndex();
    }

    /** Stores a new job; false when a job with this id already exists (a re-delivered ingest). */
    public boolean create(Job job) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(JobItems.toItem(job))
                    .conditionExpression("attribute_not_exists(jobId)")
                    .build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    public Optional<Job> find(String jobId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(jobId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(JobItems.fromItem(item));
    }

    /**
     * Applies {@code change} to the current job and writes it if nobody wrote in between, re-reading and
     * re-applying on a conflict. {@code change} returns the same instance to mean "nothing to do".
     *
     * @return the job as stored after the call, or empty if the job does not exist
     */
    public Optional<Job> update(String jobId, UnaryOperator<Job> change) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Optional<Job> current = find(jobId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Job before = current.get();
            Job after = change.apply(before);
            if (after == before) {
                return current;
            }
            Job versioned = withVersion(after, before.version() + 1);
            try {
                dynamo.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(JobItems.toItem(versioned))
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", JobItems.number(before.version())))
                        .build());
                return Optional.of(versioned);
            } catch (ConditionalCheckFailedException conflict) {
                // Someone else moved the job on; re-read and decide again.
            }
        }
        throw new IllegalStateException("job " + jobId + " kept changing under " + MAX_CONFLICT_RETRIES + " attempts");
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

    private static Job withVersion(Job job, long version) {
        return new Job(job.jobId(), job.tenant(), job.assetId(), job.status(), job.mediaType(), job.mimeType(),
                job.filename(), job.sizeBytes(), job.rawKey(), job.priority(), job.steps(), job.error(),
                job.createdAt(), job.updatedAt(), job.leaseUntil(), version);
    }

    private static Map<String, AttributeValue> key(String jobId) {
        return Map.of("jobId", AttributeValue.fromS(jobId));
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
