package io.aegis.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An in-memory table for the job state machine's unit tests: just the calls and conditions {@code VersionedTable}
 * (jobs) and {@code RunningJobSlots} (a tenant's running set) make, each applied atomically as DynamoDB applies a
 * conditional write: {@code attribute_not_exists(key)} on create, {@code version = :expected} on every update (a
 * stale writer gets {@link ConditionalCheckFailedException}), and ADD/DELETE on string sets (a tenant's running set and
 * waiting list) under conditions made of attribute_not_exists, size and contains, returning the old item if asked. Any
 * other expression fails the test loudly instead of being half-understood, so the stores' real code runs on it
 * unchanged. Whole-pipeline tests use the embedded DynamoDB-compatible server instead.
 */
public class InMemoryDynamoDb implements DynamoDbClient {

    private static final Pattern CLAUSE = Pattern.compile("(ADD|DELETE) (#\\w+ :\\w+(?:, #\\w+ :\\w+)*)\\s*");
    private static final Pattern NOT_EXISTS = Pattern.compile("attribute_not_exists\\((#\\w+)\\)");
    private static final Pattern SIZE_BELOW = Pattern.compile("size\\((#\\w+)\\) < (:\\w+)");
    private static final Pattern CONTAINS = Pattern.compile("contains\\((#\\w+), (:\\w+)\\)");

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
        var old = rows.get(request.key());
        var item = new HashMap<>(old == null ? request.key() : old);
        var names = request.expressionAttributeNames();
        var values = request.expressionAttributeValues();
        if (request.conditionExpression() != null && !holds(request.conditionExpression(), item, names, values)) {
            throw ConditionalCheckFailedException.builder().message("The conditional request failed").build();
        }
        for (String[] action : setActions(request.updateExpression())) {
            String attribute = names.get(action[1]);
            Set<String> set = new LinkedHashSet<>(item.containsKey(attribute) ? item.get(attribute).ss() : List.of());
            if (action[0].equals("ADD")) {
                set.addAll(values.get(action[2]).ss());
            } else {
                set.removeAll(values.get(action[2]).ss());
            }
            // DynamoDB removes a string set that becomes empty.
            if (set.isEmpty()) {
                item.remove(attribute);
            } else {
                item.put(attribute, AttributeValue.fromSs(new ArrayList<>(set)));
            }
        }
        rows.put(request.key(), Map.copyOf(item));
        var response = UpdateItemResponse.builder();
        if (request.returnValues() == ReturnValue.ALL_OLD && old != null) {
            response.attributes(Map.copyOf(old));
        } else if (request.returnValues() != null && request.returnValues() != ReturnValue.NONE
                && request.returnValues() != ReturnValue.ALL_OLD) {
            throw new UnsupportedOperationException("return values not modelled: " + request.returnValues());
        }
        return response.build();
    }

    // "ADD #a :x" / "DELETE #a :x, #b :y" / "ADD #a :x DELETE #b :y": each as {ADD|DELETE, #name, :value}, on string sets.
    private static List<String[]> setActions(String expression) {
        Matcher clause = CLAUSE.matcher(expression.trim());
        List<String[]> actions = new ArrayList<>();
        int end = 0;
        while (clause.find() && clause.start() == end) {
            for (String pair : clause.group(2).split(",")) {
                String[] parts = pair.trim().split(" ");
                if (parts.length != 2 || !parts[0].startsWith("#") || !parts[1].startsWith(":")) {
                    throw new UnsupportedOperationException("update not modelled: " + expression);
                }
                actions.add(new String[] {clause.group(1), parts[0], parts[1]});
            }
            end = clause.end();
        }
        if (end != expression.trim().length() || actions.isEmpty()) {
            throw new UnsupportedOperationException("update not modelled: " + expression);
        }
        return actions;
    }

    // A disjunction of attribute_not_exists(#a), size(#a) < :n and contains(#a, :v) on string sets.
    private static boolean holds(String condition, Map<String, AttributeValue> item, Map<String, String> names,
                                 Map<String, AttributeValue> values) {
        for (String term : condition.split(" OR ")) {
            Matcher matcher;
            if ((matcher = NOT_EXISTS.matcher(term.trim())).matches()) {
                if (!item.containsKey(names.get(matcher.group(1)))) {
                    return true;
                }
            } else if ((matcher = SIZE_BELOW.matcher(term.trim())).matches()) {
                AttributeValue set = item.get(names.get(matcher.group(1)));
                if (set != null && set.ss().size() < Integer.parseInt(values.get(matcher.group(2)).n())) {
                    return true;
                }
            } else if ((matcher = CONTAINS.matcher(term.trim())).matches()) {
                AttributeValue set = item.get(names.get(matcher.group(1)));
                if (set != null && set.ss().contains(values.get(matcher.group(2)).s())) {
                    return true;
                }
            } else {
                throw new UnsupportedOperationException("condition not modelled: " + condition);
            }
        }
        return false;
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
