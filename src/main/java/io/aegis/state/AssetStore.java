package io.aegis.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.ResourceNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Assets in DynamoDB: key attributes at the top level for lookups, the rest as one JSON document.
 * Writes are conditional on {@code version}, like {@link JobStore}'s, because steps of one job may run
 * on different workers at the same time.
 */
@Component
public class AssetStore {

    private static final int MAX_CONFLICT_RETRIES = 20;

    private final DynamoDbClient dynamo;
    private final ObjectMapper json;
    private final String table;

    public AssetStore(DynamoDbClient dynamo, ObjectMapper json, ResourceNames names) {
        this.dynamo = dynamo;
        this.json = json;
        this.table = names.tables().assets();
    }

    /** Stores a new asset; false when it already exists. */
    public boolean create(Asset asset) {
        try {
            dynamo.putItem(put(asset).conditionExpression("attribute_not_exists(assetId)").build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    public Optional<Asset> find(String assetId) {
        var item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("assetId", AttributeValue.fromS(assetId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Applies {@code change} under optimistic locking; see {@link JobStore#update}. */
    public Optional<Asset> update(String assetId, UnaryOperator<Asset> change) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Optional<Asset> current = find(assetId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Asset before = current.get();
            Asset after = change.apply(before);
            if (after == before) {
                return current;
            }
            Asset versioned = after.withVersion(before.version() + 1);
            try {
                dynamo.putItem(put(versioned)
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", JobItems.number(before.version())))
                        .build());
                return Optional.of(versioned);
            } catch (ConditionalCheckFailedException conflict) {
                // Another step updated the asset; re-read and re-apply.
            }
        }
        throw new IllegalStateException("asset " + assetId + " kept changing under " + MAX_CONFLICT_RETRIES + " attempts");
    }

    private PutItemRequest.Builder put(Asset asset) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("assetId", AttributeValue.fromS(asset.assetId()));
        item.put("tenant", AttributeValue.fromS(asset.tenant()));
        item.put("jobId", AttributeValue.fromS(asset.jobId()));
        item.put("version", JobItems.number(asset.version()));
        item.put("document", AttributeValue.fromS(write(asset)));
        return PutItemRequest.builder().tableName(table).item(item);
    }

    private Asset fromItem(Map<String, AttributeValue> item) {
        try {
            Asset asset = json.readValue(item.get("document").s(), Asset.class);
            return asset.withVersion(Long.parseLong(item.get("version").n()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("asset " + item.get("assetId").s() + " is not readable", e);
        }
    }

    private String write(Asset asset) {
        try {
            return json.writeValueAsString(asset);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("asset " + asset.assetId() + " cannot be written", e);
        }
    }
}
