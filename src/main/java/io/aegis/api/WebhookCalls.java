package io.aegis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.platform.AegisHeaders;
import io.aegis.webhooks.Webhook;
import io.aegis.webhooks.WebhookDelivery;
import io.aegis.webhooks.WebhookDeliveryStore;
import io.aegis.webhooks.WebhookRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /v1/webhooks}: register (201, the secret shown this once), list, read and delete (204) the caller's
 * endpoints, and read an endpoint's latest deliveries with every try. Another tenant's endpoint is a 404.
 */
@Component("webhookCalls")
public class WebhookCalls {

    static final int MAX_BODY_CHARS = 4096;
    static final int DEFAULT_DELIVERIES = 20;
    static final int MAX_DELIVERIES = 100;

    private final WebhookRegistry registry;
    private final WebhookDeliveryStore deliveries;
    private final ApiResponses responses;
    private final ObjectMapper json;

    public WebhookCalls(WebhookRegistry registry, WebhookDeliveryStore deliveries, ApiResponses responses,
                        ObjectMapper json) {
        this.registry = registry;
        this.deliveries = deliveries;
        this.responses = responses;
        this.json = json;
    }

    public void register(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("send a JSON body {\"url\", \"events\": [...]}");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ApiProblem(413, "Payload too large", "the request body is over " + MAX_BODY_CHARS + " characters");
        }
        Registration request;
        try {
            request = json.readValue(body, Registration.class);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not the expected JSON object: " + e.getOriginalMessage());
        }
        if (request == null) {
            throw ApiProblem.badRequest("the body must be a JSON object");
        }
        Webhook created;
        try {
            created = registry.register(tenant(exchange), request.url(), request.events(), request.description());
        } catch (WebhookRegistry.Refused refused) {
            throw new ApiProblem(refused.status(), refused.status() == 409 ? "Conflict" : "Bad request",
                    refused.getMessage());
        }
        exchange.getMessage().setHeader("Location", "/v1/webhooks/" + created.webhookId());
        responses.json(exchange, 201, WebhookView.withSecret(created));
        exchange.getMessage().setHeader("Location", "/v1/webhooks/" + created.webhookId());
    }

    public void list(Exchange exchange) {
        responses.json(exchange, 200, new WebhookList(registry.list(tenant(exchange)).stream().map(WebhookView::of).toList()));
    }

    public void read(Exchange exchange) {
        responses.json(exchange, 200, WebhookView.of(find(exchange)));
    }

    public void remove(Exchange exchange) {
        String id = exchange.getMessage().getHeader("webhookId", String.class);
        if (!registry.remove(tenant(exchange), id)) {
            throw ApiProblem.notFound("webhook", id);
        }
        responses.noContent(exchange);
    }

    public void deliveries(Exchange exchange) {
        Webhook webhook = find(exchange);
        int limit = PageLimit.parse(exchange.getMessage().getHeader("limit", String.class), DEFAULT_DELIVERIES,
                MAX_DELIVERIES);
        responses.json(exchange, 200, new DeliveryList(webhook.webhookId(), deliveries.newest(webhook.webhookId(), limit)));
    }

    private Webhook find(Exchange exchange) {
        String id = exchange.getMessage().getHeader("webhookId", String.class);
        return registry.find(tenant(exchange), id).orElseThrow(() -> ApiProblem.notFound("webhook", id));
    }

    private static String tenant(Exchange exchange) {
        return exchange.getMessage().getHeader(AegisHeaders.TENANT, String.class);
    }

    @Schema(name = "WebhookRegistration")
    record Registration(String url, List<String> events, String description) {
    }

    /** An endpoint as the API shows it; {@code secret} only in the answer to its registration. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record WebhookView(String webhookId, String url, List<String> events, String description, Instant createdAt,
                       String secret, String deliveries) {
        static WebhookView of(Webhook w) {
            return new WebhookView(w.webhookId(), w.url(), w.events(), w.description(), w.createdAt(), null,
                    "/v1/webhooks/" + w.webhookId() + "/deliveries");
        }

        static WebhookView withSecret(Webhook w) {
            return new WebhookView(w.webhookId(), w.url(), w.events(), w.description(), w.createdAt(), w.secret(),
                    "/v1/webhooks/" + w.webhookId() + "/deliveries");
        }
    }

    record WebhookList(List<WebhookView> webhooks) {
    }

    record DeliveryList(String webhookId, List<WebhookDelivery> deliveries) {
    }
}
