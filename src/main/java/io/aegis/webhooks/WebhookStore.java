package io.aegis.webhooks;

import io.aegis.platform.aws.ResourceNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Webhook endpoints in DynamoDB ({@code aegis-webhooks}), a tenant's found through the {@code byTenant} index. */
@Component
public class WebhookStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String byTenant;

    public WebhookStore(DynamoDbClient dynamo, ResourceNames names) {
        this.dynamo = dynamo;
        this.table = names.tables().webhooks();
        this.byTenant = names.tables().webhooksByTenantIndex();
    }

    public void create(Webhook webhook) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("webhookId", AttributeValue.fromS(webhook.webhookId()));
        item.put("tenant", AttributeValue.fromS(webhook.tenant()));
        item.put("url", AttributeValue.fromS(webhook.url()));
        item.put("events", AttributeValue.fromL(webhook.events().stream().map(AttributeValue::fromS).toList()));
        if (webhook.description() != null) {
            item.put("description", AttributeValue.fromS(webhook.description()));
        }
        item.put("secret", AttributeValue.fromS(webhook.secret()));
        item.put("createdAt", AttributeValue.fromS(webhook.createdAt().toString()));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(webhookId)"));
    }

    public Optional<Webhook> find(String webhookId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("webhookId", AttributeValue.fromS(webhookId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** The tenant's endpoints (the index is eventually consistent on AWS: a new one may show a moment late). */
    public List<Webhook> listByTenant(String tenant) {
        List<Webhook> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> {
                b.tableName(table).indexName(byTenant).keyConditionExpression("tenant = :tenant")
                        .expressionAttributeValues(Map.of(":tenant", AttributeValue.fromS(tenant)));
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            page.items().stream().map(WebhookStore::fromItem).forEach(found::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        found.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return found;
    }

    public void delete(String webhookId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("webhookId", AttributeValue.fromS(webhookId))));
    }

    private static Webhook fromItem(Map<String, AttributeValue> item) {
        return new Webhook(item.get("webhookId").s(), item.get("tenant").s(), item.get("url").s(),
                item.get("events").l().stream().map(AttributeValue::s).toList(),
                item.containsKey("description") ? item.get("description").s() : null,
                item.get("secret").s(), Instant.parse(item.get("createdAt").s()));
    }
}
