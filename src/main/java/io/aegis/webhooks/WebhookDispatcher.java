package io.aegis.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.aws.ResourceNames;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Works one message of {@code aegis-webhooks}. An EVENT becomes one DELIVERY per endpoint of the tenant that wants
 * it (each recorded PENDING). A DELIVERY is one try: 2xx → DELIVERED; otherwise the same delivery comes back after
 * the backoff ({@code initial-backoff} doubled per try, SQS message delay), and after {@code max-attempts} tries it
 * goes to {@code aegis-webhooks-dlq} with the reason ({@code aegis-dlq-*} attributes) and is FAILED, until an
 * operator redrives it ({@code POST /v1/admin/dlq/aegis-webhooks/redrive}). A delivery whose endpoint was deleted
 * is dropped. Anything else that goes wrong (DynamoDB, SQS) leaves the message for SQS to redeliver.
 */
@Component("webhookDispatcher")
public class WebhookDispatcher implements Processor {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final ObjectMapper json;
    private final SqsClient sqs;
    private final WebhookStore webhooks;
    private final WebhookDeliveryStore deliveries;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final ResourceNames.Queues queues;
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public WebhookDispatcher(ObjectMapper json, SqsClient sqs, WebhookStore webhooks, WebhookDeliveryStore deliveries,
                             WebhookSender sender, WebhookProperties properties, ResourceNames names) {
        this.json = json;
        this.sqs = sqs;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.sender = sender;
        this.properties = properties;
        this.queues = names.queues();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WebhookMessage message = json.readValue(exchange.getMessage().getMandatoryBody(String.class),
                WebhookMessage.class);
        if (WebhookMessage.EVENT.equals(message.type())) {
            fanOut(message);
        } else if (WebhookMessage.DELIVERY.equals(message.type())) {
            deliver(message);
        } else {
            log.warn("unknown webhook message type {}: dropped", message.type());
        }
    }

    private void fanOut(WebhookMessage event) {
        Instant now = clock.instant();
        for (Webhook webhook : webhooks.listByTenant(event.tenant())) {
            if (!webhook.wants(event.eventType())) {
                continue;
            }
            String deliveryId = WebhookDeliveryStore.deliveryId(event.occurredAt(), event.eventId());
            deliveries.open(webhook.webhookId(), webhook.tenant(), deliveryId, event.eventId(), event.eventType(), now);
            send(queues.webhooks(), event.deliveryTo(webhook.webhookId(), deliveryId), 0, Map.of());
        }
    }

    private void deliver(WebhookMessage delivery) {
        var webhook = webhooks.find(delivery.webhookId()).orElse(null);
        if (webhook == null) {
            log.info("webhook {} was deleted: delivery of {} dropped", delivery.webhookId(), delivery.eventId());
            return;
        }
        int attempt = delivery.attempt() == null ? 1 : delivery.attempt();
        Instant at = clock.instant();
        WebhookSender.Outcome outcome = sender.send(webhook, delivery.eventId(), delivery.payload());
        var record = new WebhookDelivery.Attempt(attempt, at, outcome.statusCode(), outcome.error(),
                outcome.durationMs());
        if (outcome.delivered()) {
            deliveries.recordAttempt(webhook.webhookId(), delivery.deliveryId(), record, WebhookDelivery.DELIVERED);
            return;
        }
        if (attempt < properties.maxAttempts()) {
            var wait = properties.backoffAfter(attempt);
            // The next try is queued before this one is recorded: a crash in between repeats a try, never loses one.
            send(queues.webhooks(), delivery.nextAttempt(), (int) wait.toSeconds(), Map.of());
            deliveries.recordAttempt(webhook.webhookId(), delivery.deliveryId(), record, WebhookDelivery.PENDING);
            log.info("webhook {} {} try {} failed ({}); next in {}", webhook.webhookId(), delivery.eventId(), attempt,
                    outcome.error(), wait);
            return;
        }
        send(queues.dlqOf(queues.webhooks()), delivery.firstAttempt(), 0, Map.of(
                "aegis-dlq-code", "WEBHOOK_UNDELIVERED",
                "aegis-dlq-message", truncate(outcome.error() + " (try " + attempt + " of " + properties.maxAttempts() + ")"),
                "aegis-dlq-tenant", delivery.tenant(),
                "aegis-dlq-failed-at", at.toString(),
                "aegis-dlq-source-queue", queues.webhooks(),
                "aegis-dlq-retries", Integer.toString(attempt - 1)));
        deliveries.recordAttempt(webhook.webhookId(), delivery.deliveryId(), record, WebhookDelivery.FAILED);
        log.warn("webhook {} {} undelivered after {} tries ({}): in {}", webhook.webhookId(), delivery.eventId(),
                attempt, outcome.error(), queues.dlqOf(queues.webhooks()));
    }

    private void send(String queue, WebhookMessage message, int delaySeconds, Map<String, String> attributes) {
        String body;
        try {
            body = json.writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalStateException("webhook message not serialisable", e);
        }
        String url = urls.computeIfAbsent(queue, name -> sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        Map<String, MessageAttributeValue> values = new java.util.HashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
            }
        });
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).delaySeconds(delaySeconds).messageAttributes(values));
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
