package io.aegis.state;

import io.aegis.platform.ResourceNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Presigned uploads still awaited, keyed by the object key they will land at (an S3 event names the key).
 * An item lives only from {@code POST /v1/uploads} until the object lands or the upload expires, so the table
 * stays as small as the number of uploads in flight and a scan of it is cheap. No TTL: an item must not
 * vanish before the expiry sweep has failed its job.
 */
@Component
public class PendingUploadStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public PendingUploadStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().uploads();
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

    /** Up to {@code limit} pending uploads, in no particular order. */
    public List<PendingUpload> list(int limit) {
        List<PendingUpload> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> {
                b.tableName(table).consistentRead(true).limit(limit - found.size());
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            page.items().stream().map(PendingUploadStore::fromItem).forEach(found::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    public void remove(String rawKey) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("rawKey", AttributeValue.fromS(rawKey))));
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
