package io.aegis.webhooks;

import io.aegis.platform.aws.ResourceNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The deliveries of each endpoint ({@code aegis-webhook-deliveries}: hash {@code webhookId}, range
 * {@code deliveryId} = creation instant + event id, so a query reads them in time order), each with its attempts.
 * Items expire through the TTL attribute {@code expiresAt} after {@code aegis.webhooks.delivery-retention}.
 */
@Component
public class WebhookDeliveryStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public WebhookDeliveryStore(DynamoDbClient dynamo, ResourceNames names, WebhookProperties properties) {
        this.dynamo = dynamo;
        this.table = names.tables().webhookDeliveries();
        this.retention = properties.deliveryRetention();
    }

    public static String deliveryId(Instant createdAt, String eventId) {
        // Fixed width, so the range key sorts by time.
        return String.format("%020d", createdAt.toEpochMilli()) + "_" + eventId;
    }

    /** Records a delivery as PENDING; one already recorded (a repeated fan-out) is left as it is. */
    public void open(String webhookId, String tenant, String deliveryId, String eventId, String eventType,
                     Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("webhookId", AttributeValue.fromS(webhookId));
        item.put("deliveryId", AttributeValue.fromS(deliveryId));
        item.put("tenant", AttributeValue.fromS(tenant));
        item.put("eventId", AttributeValue.fromS(eventId));
        item.put("eventType", AttributeValue.fromS(eventType));
        item.put("status", AttributeValue.fromS(WebhookDelivery.PENDING));
        item.put("attempts", AttributeValue.fromL(List.of()));
        item.put("createdAt", AttributeValue.fromS(now.toString()));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(deliveryId)"));
        } catch (ConditionalCheckFailedException alreadyOpen) {
            // The same event fanned out twice (a redelivered message): one record.
        }
    }

    /** Appends a try and sets the status it leaves the delivery in. */
    public void recordAttempt(String webhookId, String deliveryId, WebhookDelivery.Attempt attempt, String status) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put("attempt", AttributeValue.fromN(Integer.toString(attempt.attempt())));
        entry.put("at", AttributeValue.fromS(attempt.at().toString()));
        if (attempt.statusCode() != null) {
            entry.put("statusCode", AttributeValue.fromN(attempt.statusCode().toString()));
        }
        if (attempt.error() != null) {
            entry.put("error", AttributeValue.fromS(attempt.error()));
        }
        entry.put("durationMs", AttributeValue.fromN(Long.toString(attempt.durationMs())));
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("webhookId", AttributeValue.fromS(webhookId), "deliveryId", AttributeValue.fromS(deliveryId)))
                .updateExpression("SET attempts = list_append(if_not_exists(attempts, :none), :attempt), #s = :status")
                .conditionExpression("attribute_exists(deliveryId)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(
                        ":none", AttributeValue.fromL(List.of()),
                        ":attempt", AttributeValue.fromL(List.of(AttributeValue.fromM(entry))),
                        ":status", AttributeValue.fromS(status))));
    }

    /** The endpoint's deliveries, newest first, at most {@code limit}. */
    public List<WebhookDelivery> newest(String webhookId, int limit) {
        var items = dynamo.query(b -> b.tableName(table)
                .keyConditionExpression("webhookId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(webhookId)))
                .scanIndexForward(false)
                .limit(limit)).items();
        List<WebhookDelivery> found = new ArrayList<>();
        for (var item : items) {
            List<WebhookDelivery.Attempt> attempts = item.getOrDefault("attempts", AttributeValue.fromL(List.of()))
                    .l().stream().map(a -> a.m()).map(m -> new WebhookDelivery.Attempt(
                            Integer.parseInt(m.get("attempt").n()), Instant.parse(m.get("at").s()),
                            m.containsKey("statusCode") ? Integer.valueOf(m.get("statusCode").n()) : null,
                            m.containsKey("error") ? m.get("error").s() : null,
                            Long.parseLong(m.get("durationMs").n()))).toList();
            found.add(new WebhookDelivery(item.get("webhookId").s(), item.get("deliveryId").s(),
                    item.get("eventId").s(), item.get("eventType").s(), item.get("status").s(), attempts,
                    Instant.parse(item.get("createdAt").s())));
        }
        return found;
    }
}
