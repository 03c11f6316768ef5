package io.aegis.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event's delivery to one endpoint: PENDING while tries remain, DELIVERED once the receiver answered 2xx,
 * FAILED when the tries ran out (the message is then in the webhook DLQ, and a redrive tries again).
 */
public record WebhookDelivery(String webhookId, String deliveryId, String eventId, String eventType, String status,
                              List<Attempt> attempts, Instant createdAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    /** One try: when, the receiver's HTTP status (null when none came), why it did not count, how long it took. */
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }
}
