package io.aegis.webhooks;

import java.time.Instant;
import java.util.List;

/** A tenant's webhook endpoint: where its events go, which events, and the secret deliveries are signed with. */
public record Webhook(String webhookId, String tenant, String url, List<String> events, String description,
                      String secret, Instant createdAt) {

    public Webhook {
        events = List.copyOf(events);
    }

    public boolean wants(String eventType) {
        return events.contains(eventType);
    }
}
