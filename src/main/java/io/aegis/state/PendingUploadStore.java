package io.aegis.state;

import io.aegis.platform.aws.ResourceNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Presigned uploads still awaited, keyed by the object key they will land at (an S3 event names the key). An item
 * lives only from {@code POST /v1/uploads} until the object lands, the upload expires or its job is cancelled. Found
 * by when their URL expires, on an index of every pending upload ({@code byExpiry}, oldest first), never by a scan:
 * the overdue ones by a range query, and the rest by a walk that continues where the last check stopped, so one
 * tenant's many uploads delay another's by a bounded number of checks. Counted per tenant on {@code byTenant}.
 * No TTL: an item must not vanish before the expiry sweep has failed its job.
 */
@Component
public class PendingUploadStore {

    /** Every pending upload has this in {@link #SHARD}: the one partition of the expiry index. */
    static final String ALL = "pending";
    static final String SHARD = "expiryShard";
    /** When the PUT URL expires, fixed-width so it sorts: the range key of both indexes. */
    static final String EXPIRY = "expiry";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String byExpiry;
    private final String byTenant;

    public PendingUploadStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().uploads();
        this.byExpiry = names.tables().uploadsByExpiryIndex();
        this.byTenant = names.tables().uploadsByTenantIndex();
    }

    public void create(PendingUpload upload) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("rawKey", AttributeValue.fromS(upload.rawKey()));
        item.put("jobId", AttributeValue.fromS(upload.jobId()));
        item.put("tenant", AttributeValue.fromS(upload.tenant()));
        item.put("assetId", AttributeValue.fromS(upload.assetId()));
        item.put("filename", AttributeValue.fromS(upload.filename()));
        item.put("declaredBytes", AttributeValue.fromN(Long.toString(upload.declaredBytes())));
        item.put("contentType", AttributeValue.fromS(upload.contentType()));
        item.put("createdAt", AttributeValue.fromS(upload.createdAt().toString()));
        item.put("urlExpiresAt", AttributeValue.fromS(upload.urlExpiresAt().toString()));
        item.put(SHARD, AttributeValue.fromS(ALL));
        item.put(EXPIRY, AttributeValue.fromS(JobItems.instant(upload.urlExpiresAt())));
        if (upload.multipart()) {
            item.put("uploadId", AttributeValue.fromS(upload.uploadId()));
            item.put("partSize", AttributeValue.fromN(Long.toString(upload.partSize())));
        }
        // Keys are server-made (fresh UUIDs): an existing item here would be a bug, not a retry.
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(rawKey)"));
    }

    public Optional<PendingUpload> find(String rawKey) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("rawKey", AttributeValue.fromS(rawKey)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Up to {@code limit} uploads whose URL expired at or before {@code cutoff}, oldest first. */
    public List<PendingUpload> expiredBy(Instant cutoff, int limit) {
        QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(byExpiry)
                .keyConditionExpression("#shard = :all AND #expiry <= :cutoff")
                .expressionAttributeNames(Map.of("#shard", SHARD, "#expiry", EXPIRY))
                .expressionAttributeValues(Map.of(":all", AttributeValue.fromS(ALL),
                        ":cutoff", AttributeValue.fromS(JobItems.instant(cutoff))))
                .limit(limit));
        return page.items().stream().map(PendingUploadStore::fromItem).toList();
    }

    /**
     * The next {@code limit} pending uploads in expiry order after {@code cursor} (null: from the oldest), and the
     * cursor to continue from (null once the end is reached, so the next walk starts over).
     */
    public Page after(Map<String, AttributeValue> cursor, int limit) {
        QueryResponse page = dynamo.query(b -> {
            b.tableName(table).indexName(byExpiry)
                    .keyConditionExpression("#shard = :all")
                    .expressionAttributeNames(Map.of("#shard", SHARD))
                    .expressionAttributeValues(Map.of(":all", AttributeValue.fromS(ALL)))
                    .limit(limit);
            if (cursor != null) {
                b.exclusiveStartKey(cursor);
            }
        });
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Page(page.items().stream().map(PendingUploadStore::fromItem).toList(),
                more ? Map.copyOf(page.lastEvaluatedKey()) : null);
    }

    /** How many uploads the tenant has pending, counted up to {@code atMost} only (a bounded read). */
    public long countForTenant(String tenant, int atMost) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            long counted = count;
            QueryResponse page = dynamo.query(b -> {
                b.tableName(table).indexName(byTenant)
                        .keyConditionExpression("tenant = :tenant")
                        .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant)))
                        .select(Select.COUNT)
                        .limit((int) Math.max(1, atMost - counted));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && count < atMost);
        return count;
    }

    public void remove(String rawKey) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("rawKey", AttributeValue.fromS(rawKey))));
    }

    /** A page of the expiry walk. */
    public record Page(List<PendingUpload> uploads, Map<String, AttributeValue> next) {
    }

    private static PendingUpload fromItem(Map<String, AttributeValue> item) {
        return new PendingUpload(item.get("rawKey").s(), item.get("jobId").s(), item.get("tenant").s(),
                item.get("assetId").s(), item.get("filename").s(), Long.parseLong(item.get("declaredBytes").n()),
                item.get("contentType").s(), Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("urlExpiresAt").s()),
                item.containsKey("uploadId") ? item.get("uploadId").s() : null,
                item.containsKey("partSize") ? Long.parseLong(item.get("partSize").n()) : 0);
    }
}
