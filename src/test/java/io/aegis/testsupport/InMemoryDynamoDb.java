package io.aegis.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An in-memory table for the job state machine's unit tests: just the calls and conditions {@code VersionedTable}
 * (jobs) and {@code RunningJobSlots} (a tenant's running set) make, each applied atomically as DynamoDB applies a
 * conditional write: {@code attribute_not_exists(key)} on create, {@code version = :expected} on every update (a
 * stale writer gets {@link ConditionalCheckFailedException}), and the slot set's ADD under its size condition. Any
 * other expression fails the test loudly instead of being half-understood, so the stores' real code runs on it
 * unchanged. Whole-pipeline tests use the embedded DynamoDB-compatible server instead.
 */
public class InMemoryDynamoDb implements DynamoDbClient {

    private static final String SLOT_CONDITION = "attribute_not_exists(#jobs) OR size(#jobs) < :limit OR contains(#jobs, :id)";

    private final Map<String, Map<Map<String, AttributeValue>, Map<String, AttributeValue>>> tables = new ConcurrentHashMap<>();
    private final Map<String, String> keyNames;

    /** {@code keyNames}: table name → its hash key attribute. */
    public InMemoryDynamoDb(Map<String, String> keyNames) {
        this.keyNames = Map.copyOf(keyNames);
    }

    /** The item as stored (a copy), or null. */
    public synchronized Map<String, AttributeValue> item(String table, String key) {
        var item = table(table).get(Map.of(keyNames.get(table), AttributeValue.fromS(key)));
        return item == null ? null : Map.copyOf(item);
    }

    /** Writes an item unconditionally, as another process would: tests use it to make a concurrent change. */
    public synchronized void overwrite(String table, Map<String, AttributeValue> item) {
        table(table).put(keyOf(table, item), Map.copyOf(item));
    }

    @Override
    public synchronized GetItemResponse getItem(GetItemRequest request) {
        var item = table(request.tableName()).get(request.key());
        return GetItemResponse.builder().item(item == null ? null : Map.copyOf(item)).build();
    }

    @Override
    public synchronized PutItemResponse putItem(PutItemRequest request) {
        var rows = table(request.tableName());
        var key = keyOf(request.tableName(), request.item());
        var existing = rows.get(key);
        String condition = request.conditionExpression();
        if (condition != null) {
            boolean holds;
            if (condition.equals("attribute_not_exists(" + keyNames.get(request.tableName()) + ")")) {
                holds = existing == null;
            } else if (condition.equals("version = :expected")) {
                holds = existing != null && existing.containsKey("version")
                        && existing.get("version").n().equals(request.expressionAttributeValues().get(":expected").n());
            } else {
                throw new UnsupportedOperationException("condition not modelled: " + condition);
            }
            if (!holds) {
                throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
            }
        }
        rows.put(key, Map.copyOf(request.item()));
        return PutItemResponse.builder().build();
    }

    @Override
    public synchronized DeleteItemResponse deleteItem(DeleteItemRequest request) {
        if (request.conditionExpression() != null) {
            throw new UnsupportedOperationException("condition not modelled: " + request.conditionExpression());
        }
        table(request.tableName()).remove(request.key());
        return DeleteItemResponse.builder().build();
    }

    @Override
    public synchronized UpdateItemResponse updateItem(UpdateItemRequest request) {
        var rows = table(request.tableName());
        var item = new HashMap<>(rows.getOrDefault(request.key(), request.key()));
        String attribute = request.expressionAttributeNames().get("#jobs");
        var values = request.expressionAttributeValues();
        Set<String> set = new LinkedHashSet<>(item.containsKey(attribute) ? item.get(attribute).ss() : List.of());
        switch (request.updateExpression()) {
            case "ADD #jobs :job" -> {
                if (!SLOT_CONDITION.equals(request.conditionExpression())) {
                    throw new UnsupportedOperationException("condition not modelled: " + request.conditionExpression());
                }
                boolean holds = !item.containsKey(attribute) || set.size() < Integer.parseInt(values.get(":limit").n())
                        || set.contains(values.get(":id").s());
                if (!holds) {
                    throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
                }
                set.addAll(values.get(":job").ss());
            }
            case "DELETE #jobs :job" -> set.removeAll(values.get(":job").ss());
            default -> throw new UnsupportedOperationException("update not modelled: " + request.updateExpression());
        }
        // DynamoDB removes a string set that becomes empty.
        if (set.isEmpty()) {
            item.remove(attribute);
        } else {
            item.put(attribute, AttributeValue.fromSs(new ArrayList<>(set)));
        }
        rows.put(request.key(), Map.copyOf(item));
        return UpdateItemResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }

    private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> table(String name) {
        if (!keyNames.containsKey(name)) {
            throw new UnsupportedOperationException("no table " + name);
        }
        return tables.computeIfAbsent(name, n -> new HashMap<>());
    }

    private Map<String, AttributeValue> keyOf(String table, Map<String, AttributeValue> item) {
        String keyName = keyNames.get(table);
        return Map.of(keyName, item.get(keyName));
    }
}
