package io.aegis.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What travels on {@code aegis-webhooks}. {@code EVENT}: something happened in a tenant ({@code payload} is the
 * JSON every endpoint will receive); the consumer fans it out to the tenant's endpoints that want it. {@code DELIVERY}:
 * one try of one event to one endpoint; a failed try comes back as the same message with {@code attempt + 1},
 * delayed by the backoff.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookMessage(String type, String eventId, String eventType, String tenant, Instant occurredAt,
                             String payload, String webhookId, String deliveryId, Integer attempt) {

    public static final String EVENT = "EVENT";
    public static final String DELIVERY = "DELIVERY";

    static WebhookMessage event(String eventId, String eventType, String tenant, Instant occurredAt, String payload) {
        return new WebhookMessage(EVENT, eventId, eventType, tenant, occurredAt, payload, null, null, null);
    }

    WebhookMessage deliveryTo(String endpoint, String delivery) {
        return new WebhookMessage(DELIVERY, eventId, eventType, tenant, occurredAt, payload, endpoint, delivery, 1);
    }

    WebhookMessage nextAttempt() {
        return new WebhookMessage(type, eventId, eventType, tenant, occurredAt, payload, webhookId, deliveryId,
                attempt + 1);
    }

    /** A dead letter starts over when redriven: a full set of tries. */
    WebhookMessage firstAttempt() {
        return new WebhookMessage(type, eventId, eventType, tenant, occurredAt, payload, webhookId, deliveryId, 1);
    }
}
