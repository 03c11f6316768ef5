package io.aegis.state;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import java.util.Collection;
import java.util.Comparator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Assets in DynamoDB: key attributes at the top level for lookups, the rest as one JSON document.
 * Writes are conditional on {@code version} ({@link VersionedTable}), because steps of one job may run
 * on different workers at the same time.
 */
@Component
public class AssetStore {

    /** A list shows a picture this size or a little larger: the smallest thumbnail with a long side of at least this. */
    static final int PREVIEW_MIN_SIDE = 128;
    private static final String PREVIEW = "preview";
    private static final int BATCH_KEYS = 100;
    private static final int BATCH_RETRIES = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final VersionedTable<Asset> items;

    public AssetStore(DynamoDbClient dynamo, ObjectMapper json, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().assets();
        this.json = json;
        this.items = new VersionedTable<>(dynamo, names.tables().assets(), "assetId", this::toItem, this::fromItem,
                Asset::version, Asset::withVersion);
    }

    /**
     * Each asset's preview picture (its smallest thumbnail of at least {@value #PREVIEW_MIN_SIDE} px, a video's from its
     * poster, a PDF's first page), read from a small attribute kept beside the document: a list of jobs shows pictures
     * without reading every asset whole. Assets without a thumbnail, or missing, are absent from the answer.
     */
    public Map<String, Asset.Rendition> previews(Collection<String> assetIds) {
        Map<String, Asset.Rendition> found = new HashMap<>();
        List<String> ids = assetIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += BATCH_KEYS) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_KEYS)).stream()
                    .map(id -> Map.of("assetId", AttributeValue.fromS(id))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("assetId, " + PREVIEW).build());
            for (int attempt = 0; attempt < BATCH_RETRIES && !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(asked));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    AttributeValue preview = item.get(PREVIEW);
                    if (preview != null && preview.s() != null) {
                        found.put(item.get("assetId").s(), readPreview(preview.s()));
                    }
                }
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return found;
    }

    static Optional<Asset.Rendition> preview(Asset asset) {
        List<Asset.Rendition> thumbnails = asset.renditions().stream()
                .filter(r -> "thumbnail".equals(r.kind()) && r.width() != null && r.height() != null)
                .sorted(Comparator.comparingInt(r -> Math.max(r.width(), r.height())))
                .toList();
        return thumbnails.stream().filter(r -> Math.max(r.width(), r.height()) >= PREVIEW_MIN_SIDE).findFirst()
                .or(() -> thumbnails.isEmpty() ? Optional.empty() : Optional.of(thumbnails.get(thumbnails.size() - 1)));
    }

    private Asset.Rendition readPreview(String value) {
        try {
            return json.readValue(value, Asset.Rendition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an asset's preview is not readable", e);
        }
    }

    /** Stores a new asset; false when it already exists. */
    public boolean create(Asset asset) {
        return items.create(asset);
    }

    public Optional<Asset> find(String assetId) {
        return items.find(assetId);
    }

    /**
     * The asset's measured metadata, or a missing node when there is no asset or no metadata yet: {@code path(...)}
     * on it then answers the caller's default (orientation 1, an audio track presumed).
     */
    public JsonNode metadata(String assetId) {
        return find(assetId).<JsonNode>map(Asset::metadata).orElse(MissingNode.getInstance());
    }

    /** Applies {@code change} under optimistic locking; see {@link JobStore#update}. */
    public Optional<Asset> update(String assetId, UnaryOperator<Asset> change) {
        return items.update(assetId, change);
    }

    /** Removes the asset item; false when it was already gone (another process deleted it first). */
    public boolean deleteIfPresent(String assetId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("assetId", AttributeValue.fromS(assetId)))
                    .conditionExpression("attribute_exists(assetId)"));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }

    /**
     * Every asset matching the filter, in no particular order, at most {@code limit}: a scan (an operator's bulk
     * action, never a request path), filtered on the top-level {@code tenant}, {@code mediaType} and
     * {@code createdAt} attributes; a null bound or value is no condition.
     */
    public List<Asset> scan(String tenant, String mediaType, Instant from, Instant to, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (tenant != null) {
            conditions.add("#tenant = :tenant");
            names.put("#tenant", "tenant");
            values.put(":tenant", AttributeValue.fromS(tenant));
        }
        if (mediaType != null) {
            conditions.add("#mediaType = :mediaType");
            names.put("#mediaType", "mediaType");
            values.put(":mediaType", AttributeValue.fromS(mediaType));
        }
        if (from != null) {
            conditions.add("#createdAt >= :from");
            names.put("#createdAt", "createdAt");
            values.put(":from", AttributeValue.fromS(JobItems.instant(from)));
        }
        if (to != null) {
            conditions.add("#createdAt < :to");
            names.put("#createdAt", "createdAt");
            values.put(":to", AttributeValue.fromS(JobItems.instant(to)));
        }
        List<Asset> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var request = ScanRequest.builder().tableName(table);
            if (!conditions.isEmpty()) {
                request.filterExpression(String.join(" AND ", conditions))
                        .expressionAttributeNames(names).expressionAttributeValues(values);
            }
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = dynamo.scan(request.build());
            for (var item : page.items()) {
                if (found.size() < limit) {
                    found.add(fromItem(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    private Map<String, AttributeValue> toItem(Asset asset) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("assetId", AttributeValue.fromS(asset.assetId()));
        item.put("tenant", AttributeValue.fromS(asset.tenant()));
        item.put("jobId", AttributeValue.fromS(asset.jobId()));
        item.put("version", AttributeValue.fromN(Long.toString(asset.version())));
        // Top level as well, for the operators' filtered scan (bulk reprocessing).
        if (asset.mediaType() != null) {
            item.put("mediaType", AttributeValue.fromS(asset.mediaType()));
        }
        if (asset.createdAt() != null) {
            item.put("createdAt", AttributeValue.fromS(JobItems.instant(asset.createdAt())));
        }
        item.put("document", AttributeValue.fromS(write(asset)));
        preview(asset).ifPresent(preview -> {
            try {
                item.put(PREVIEW, AttributeValue.fromS(json.writeValueAsString(preview)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("asset " + asset.assetId() + " preview cannot be written", e);
            }
        });
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
