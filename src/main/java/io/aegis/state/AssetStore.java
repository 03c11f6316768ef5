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

/**
 * Assets in DynamoDB: key attributes at the top level for lookups, the rest as one JSON document.
 * Writes are conditional on {@code version} ({@link VersionedTable}), because steps of one job may run
 * on different workers at the same time.
 */
@Component
public class AssetStore {

    private final ObjectMapper json;
    private final VersionedTable<Asset> items;

    public AssetStore(DynamoDbClient dynamo, ObjectMapper json, ResourceNames names) {
        this.json = json;
        this.items = new VersionedTable<>(dynamo, names.tables().assets(), "assetId", this::toItem, this::fromItem,
                Asset::version, Asset::withVersion);
    }

    /** Stores a new asset; false when it already exists. */
    public boolean create(Asset asset) {
        return items.create(asset);
    }

    public Optional<Asset> find(String assetId) {
        return items.find(assetId);
    }

    /** Applies {@code change} under optimistic locking; see {@link JobStore#update}. */
    public Optional<Asset> update(String assetId, UnaryOperator<Asset> change) {
        return items.update(assetId, change);
    }

    private Map<String, AttributeValue> toItem(Asset asset) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("assetId", AttributeValue.fromS(asset.assetId()));
        item.put("tenant", AttributeValue.fromS(asset.tenant()));
        item.put("jobId", AttributeValue.fromS(asset.jobId()));
        item.put("version", AttributeValue.fromN(Long.toString(asset.version())));
        item.put("document", AttributeValue.fromS(write(asset)));
        return item;
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
