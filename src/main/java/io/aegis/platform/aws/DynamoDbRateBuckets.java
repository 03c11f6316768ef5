package io.aegis.platform.aws;

import io.aegis.platform.security.CallerRateLimiter;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Bucket4j's token buckets kept in DynamoDB (an item of the limits table per bucket, its key as given: {@code
 * rate#<tenant>/<subject>} from {@link CallerRateLimiter}), so every api process draws from the same bucket: Bucket4j reads the bucket's state, computes, and writes it back only if
 * nobody wrote in between (a conditional put on the state it read), retrying otherwise. Two DynamoDB calls per request.
 */
public final class DynamoDbRateBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

    private static final String KEY = "limitKey";
    private static final String STATE = "bucket";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbRateBuckets(DynamoDbClient dynamo, String table) {
        super(ClientSideConfig.getDefault());
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String client) {
        Map<String, AttributeValue> key = Map.of(KEY, AttributeValue.fromS(client));
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
                return item == null || !item.containsKey(STATE) ? Optional.empty()
                        : Optional.of(item.get(STATE).b().asByteArray());
            }

            @Override
            public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state,
                                          Optional<Long> timeoutNanos) {
                var item = Map.of(KEY, key.get(KEY), STATE, AttributeValue.fromB(SdkBytes.fromByteArray(updated)));
                try {
                    if (original == null) {
                        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#k)")
                                .expressionAttributeNames(Map.of("#k", KEY)));
                    } else {
                        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("#s = :read")
                                .expressionAttributeNames(Map.of("#s", STATE))
                                .expressionAttributeValues(Map.of(":read", AttributeValue.fromB(SdkBytes.fromByteArray(original)))));
                    }
                    return true;
                } catch (ConditionalCheckFailedException raced) {
                    return false;
                }
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String client) {
        throw new UnsupportedOperationException("the rate limiter uses DynamoDB synchronously");
    }

    @Override
    public void removeProxy(String client) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(KEY, AttributeValue.fromS(client))));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String client) {
        return CompletableFuture.runAsync(() -> removeProxy(client));
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
