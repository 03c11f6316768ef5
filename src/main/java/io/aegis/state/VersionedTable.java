package io.aegis.state;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 *
 * <p>An update starts from the item as this process last read or wrote it, when it has it, instead of reading it
 * first: a job's steps mostly follow each other in one process, so the read would only return that same item. The
 * write is still conditional on the version, so a stale copy costs one refused write and a re-read, never a lost
 * update; and a "nothing to do" decision is never taken on a remembered copy, only on a fresh read.
 */
final class VersionedTable<T> {

    private static final int MAX_CONFLICT_RETRIES = 20;
    // Items remembered for the next update: enough for every job in flight in one process.
    private static final int REMEMBERED = 2048;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String keyName;
    private final Function<T, Map<String, AttributeValue>> toItem;
    private final Function<Map<String, AttributeValue>, T> fromItem;
    private final ToLongFunction<T> version;
    private final BiFunction<T, Long, T> withVersion;
    private final Map<String, T> lastKnown = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > REMEMBERED;
        }
    });

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
        Map<String, AttributeValue> item = checked(toItem.apply(value));
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(" + keyName + ")")
                    .build());
            lastKnown.put(item.get(keyName).s(), value);
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    Optional<T> find(String key) {
        var item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(keyName, AttributeValue.fromS(key))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            lastKnown.remove(key);
            return Optional.empty();
        }
        T value = fromItem.apply(item);
        lastKnown.put(key, value);
        return Optional.of(value);
    }

    /**
     * Applies {@code change} to the current item and writes it if nobody wrote in between. {@code change}
     * returns the same instance to mean "nothing to do"; it may run more than once.
     *
     * @return the item as stored after the call, or empty if it does not exist
     */
    Optional<T> update(String key, UnaryOperator<T> change) {
        T remembered = lastKnown.get(key);
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            T before;
            if (remembered != null) {
                before = remembered;
            } else {
                Optional<T> current = find(key);
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                before = current.get();
            }
            T after = change.apply(before);
            if (after == before) {
                if (remembered != null) {
                    remembered = null; // decide "nothing to do" on the stored item only
                    attempt--;
                    continue;
                }
                return Optional.of(before);
            }
            long expected = version.applyAsLong(before);
            T versioned = withVersion.apply(after, expected + 1);
            try {
                dynamo.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(checked(toItem.apply(versioned)))
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected))))
                        .build());
                lastKnown.put(key, versioned);
                return Optional.of(versioned);
            } catch (ConditionalCheckFailedException conflict) {
                // Someone else wrote in between (or the remembered copy was stale); re-read and decide again.
                if (remembered != null) {
                    attempt--; // a stale copy is not a conflict with another writer
                }
                remembered = null;
                lastKnown.remove(key);
            }
        }
        throw new IllegalStateException(table + " item " + key + " kept changing under "
                + MAX_CONFLICT_RETRIES + " attempts");
    }

    /**
     * An item DynamoDB would refuse for its size fails the step at once (LIMIT_EXCEEDED): retrying cannot shrink it.
     */
    private Map<String, AttributeValue> checked(Map<String, AttributeValue> item) {
        long size = ItemBounds.sizeOf(item);
        if (size > ItemBounds.MAX_ITEM_BYTES) {
            throw new StepFailure(ErrorCode.LIMIT_EXCEEDED, "the " + table + " record of " + item.get(keyName).s()
                    + " would be " + size / 1024 + " KB, over DynamoDB's " + ItemBounds.MAX_ITEM_BYTES / 1024 + " KB item limit");
        }
        return item;
    }
}
