package io.aegis.webhooks;

import io.aegis.platform.aws.ResourceNames;
import io.aegis.platform.Roles;
import io.aegis.platform.aws.SqsEndpoints;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The consumer of {@code aegis-webhooks} ({@link WebhookDispatcher}), in processes with the orchestrator role. No
 * Camel redelivery: a receiver's failure is a delayed message of its own, and an error of ours (DynamoDB, SQS)
 * leaves the message for SQS to redeliver, up to {@code max-receive-count} times before its DLQ.
 */
@Component
public class WebhookRoutes extends RouteBuilder {

    private final ResourceNames names;
    private final SqsEndpoints sqs;
    private final Roles roles;
    private final WebhookDispatcher webhookDispatcher;

    public WebhookRoutes(ResourceNames names, SqsEndpoints sqs, Roles roles, WebhookDispatcher webhookDispatcher) {
        this.names = names;
        this.sqs = sqs;
        this.roles = roles;
        this.webhookDispatcher = webhookDispatcher;
    }

    @Override
    public void configure() {
        from(sqs.consumer(names.queues().webhooks(), names.queues().consumers().webhooks()))
                .routeId("webhooks.deliver")
                .autoStartup(roles.has(Roles.ORCHESTRATOR))
                .process(webhookDispatcher);
    }
}
