package io.aegis.state;

import io.aegis.platform.aws.ResourceNames;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency-Key reservations in DynamoDB. Every write is conditional, so of several requests racing with
 * one key exactly one holds it. Expired items are ignored here whether or not DynamoDB's TTL has removed
 * them yet (TTL deletes lazily, and DynamoDB Local never does).
 */
@Component
public class UploadReservationStore {

    private static final int MAX_RACES = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public UploadReservationStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().idempotency();
    }

    /**
     * Reserves the key for {@code wanted}, unless a live reservation holds it.
     *
     * @return empty when {@code wanted} now holds the key; otherwise the reservation that does
     */
    public Optional<UploadReservation> reserve(UploadReservation wanted) {
        for (int race = 0; race < MAX_RACES; race++) {
            if (put(wanted, "attribute_not_exists(tenantKey) OR expiresAt <= :now",
                    Map.of(":now", epochSeconds(wanted.reservedAt())))) {
                return Optional.empty();
            }
            Optional<UploadReservation> holder = find(wanted.tenant(), wanted.key())
                    .filter(existing -> !existing.expired(wanted.reservedAt()));
            if (holder.isPresent()) {
                return holder;
            }
            // Released or expired between our put and our read: try again.
        }
        throw new IllegalStateException("idempotency key kept changing under " + MAX_RACES + " attempts");
    }

    /** Replaces an abandoned reservation (its request died before making the job); false if another did first. */
    public boolean takeOver(UploadReservation abandoned, UploadReservation wanted) {
        return put(wanted, "jobId = :abandoned", Map.of(":abandoned", AttributeValue.fromS(abandoned.jobId())));
    }

    /** Frees the key after a failed upload, so the client's retry is not answered with a job that never came. */
    public void release(UploadReservation held) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of("tenantKey", AttributeValue.fromS(held.tenantKey())))
                    .conditionExpression("jobId = :jobId")
                    .expressionAttributeValues(Map.of(":jobId", AttributeValue.fromS(held.jobId()))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Already taken over by a later request: that one is not ours to free.
        }
    }

    public Optional<UploadReservation> find(String tenant, String key) {
        var probe = new UploadReservation(tenant, key, null, null, null, null);
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("tenantKey", AttributeValue.fromS(probe.tenantKey())))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UploadReservation(item.get("tenant").s(), item.get("idempotencyKey").s(),
                item.get("jobId").s(), item.get("assetId").s(),
                Instant.parse(item.get("reservedAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n()))));
    }

    private boolean put(UploadReservation reservation, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenantKey", AttributeValue.fromS(reservation.tenantKey()));
        item.put("tenant", AttributeValue.fromS(reservation.tenant()));
        item.put("idempotencyKey", AttributeValue.fromS(reservation.key()));
        item.put("jobId", AttributeValue.fromS(reservation.jobId()));
        item.put("assetId", AttributeValue.fromS(reservation.assetId()));
        item.put("reservedAt", AttributeValue.fromS(reservation.reservedAt().toString()));
        // Epoch seconds: the only format DynamoDB's TTL reads.
        item.put("expiresAt", epochSeconds(reservation.expiresAt()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(condition).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    private static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }
}
