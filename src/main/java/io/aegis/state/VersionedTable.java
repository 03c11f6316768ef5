package io.aegis.state;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A DynamoDB table of versioned items: create-if-absent, consistent reads, and updates written only if
 * the stored {@code version} is still the one read, re-read and re-applied on a conflict. The one
 * optimistic-locking mechanism behind {@link JobStore} and {@link AssetStore}.
 */
final class VersionedTable<T> {

    private static final int MAX_CONFLICT_RETRIES = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String keyName;
    private final Function<T, Map<String, AttributeValue>> toItem;
    private final Function<Map<String, AttributeValue>, T> fromItem;
    private final ToLongFunction<T> version;
    private final BiFunction<T, Long, T> withVersion;

    VersionedTable(DynamoDbClient dynamo, String table, String keyName,
                   Function<T, Map<String, AttributeValue>> toItem, Function<Map<String, AttributeValue>, T> fromItem,
                   ToLongFunction<T> version, BiFunction<T, Long, T> withVersion) {
        this.dynamo = dynamo;
        this.table = table;
        this.keyName = keyName;
        this.toItem = toItem;
        this.fromItem = fromItem;
        this.version = version;
        this.withVersion = withVersion;
    }

    /** Stores a new item; false when one with this key already exists. */
    boolean create(T value) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(toItem.apply(value))
                    .conditionExpression("attribute_not_exists(" + keyName + ")")
                    .build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    Optional<T> find(String key) {
        var item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(keyName, AttributeValue.fromS(key))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem.apply(item));
    }

    /**
     * Applies {@code change} to the current item and writes it if nobody wrote in between. {@code change}
     * returns the same instance to mean "nothing to do"; it may run more than once.
     *
     * @return the item as stored after the call, or empty if it does not exist
     */
    Optional<T> update(String key, UnaryOperator<T> change) {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Optional<T> current = find(key);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            T before = current.get();
            T after = change.apply(before);
            if (after == before) {
                return current;
            }
            long expected = version.applyAsLong(before);
            T versioned = withVersion.apply(after, expected + 1);
            try {
                dynamo.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(toItem.apply(versioned))
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected))))
                        .build());
                return Optional.of(versioned);
            } catch (ConditionalCheckFailedException conflict) {
                // Someone else wrote in between; re-read and decide again.
            }
        }
        throw new IllegalStateException(table + " item " + key + " kept changing under "
                + MAX_CONFLICT_RETRIES + " attempts");
    }
}
