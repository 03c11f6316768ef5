package io.aegis.platform.aws;

import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the buckets, queues (each with its DLQ and redrive policy) and tables if they are absent. Runs
 * before Camel starts its consumers, which need them. On AWS, Terraform owns these and this is switched off.
 */
@Component
@ConditionalOnProperty(name = "aegis.aws.create-resources", havingValue = "true")
public class AwsResourceBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AwsResourceBootstrap.class);

    private final S3Client s3;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final ResourceNames names;

    public AwsResourceBootstrap(S3Client s3, SqsClient sqs, DynamoDbClient dynamo, ResourceNames names) {
        this.s3 = s3;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.names = names;
    }

    @PostConstruct
    void createMissing() {
        // Three services, three independent sets of calls: in parallel, start-up waits for the slowest only.
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> names.buckets().all().forEach(this::ensureBucket)),
                CompletableFuture.runAsync(() -> names.queues().all().forEach(this::ensureQueueWithDlq)),
                CompletableFuture.runAsync(this::ensureJobsTable),
                CompletableFuture.runAsync(() -> ensureTable(names.tables().assets(), "assetId")),
                CompletableFuture.runAsync(this::ensureIdempotencyTable),
                CompletableFuture.runAsync(this::ensureUploadsTable),
                CompletableFuture.runAsync(() -> ensureTable(names.tables().limits(), "limitKey")),
                CompletableFuture.runAsync(this::ensureWebhooksTable),
                CompletableFuture.runAsync(this::ensureDeliveriesTable)).join();
    }

    private void ensureBucket(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                log.info("created bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // Another instance created it first.
            }
        }
    }

    private void ensureQueueWithDlq(String queue) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(names.queues().dlqOf(queue))
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + names.queues().maxReceiveCount() + "\"}";
        String url = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
        sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(names.queues().visibilityTimeoutSeconds()))));
    }

    private void ensureJobsTable() {
        String table = names.tables().jobs();
        // Every index at creation (an embedded DynamoDB may not add one later).
        create(table, () -> dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("jobId"), attribute("tenant"), attribute("createdAt"),
                        attribute("unfinishedShard"), attribute("updatedAt"), attribute("queuedTenant"))
                .keySchema(KeySchemaElement.builder().attributeName("jobId").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(byTenantIndex(), unfinishedIndex(), queuedIndex())));
        // A table made before an index existed (an older deployment's table) gets it added. DynamoDB does that; the
        // embedded dynalite cannot add an index to a table, but its tables are always made whole above.
        var existing = indexesOf(table);
        addIfMissing(table, "jobId", existing, unfinishedIndex(), attribute("unfinishedShard"), attribute("updatedAt"));
        addIfMissing(table, "jobId", existing, queuedIndex(), attribute("queuedTenant"));
    }

    private List<String> indexesOf(String table) {
        return dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(index -> index.indexName()).toList();
    }

    private void addIfMissing(String table, String key, List<String> existing, GlobalSecondaryIndex index,
                              AttributeDefinition... keys) {
        if (existing.contains(index.indexName())) {
            return;
        }
        var definitions = new java.util.ArrayList<>(List.of(attribute(key)));
        definitions.addAll(List.of(keys));
        try {
            dynamo.updateTable(b -> b.tableName(table)
                    .attributeDefinitions(definitions)
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema()).projection(index.projection()))));
        } catch (DynamoDbException unsupported) {
            throw new IllegalStateException("table " + table + " lacks the index " + index.indexName()
                    + " and this DynamoDB cannot add it (" + unsupported.getMessage() + "); recreate the table"
                    + " (locally: `make clean`)", unsupported);
        }
        log.info("added index {} to table {}", index.indexName(), table);
    }

    // GET /v1/jobs: a tenant's jobs, newest first.
    private GlobalSecondaryIndex byTenantIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(names.tables().jobsByTenantIndex())
                .keySchema(
                        KeySchemaElement.builder().attributeName("tenant").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("createdAt").keyType(KeyType.RANGE).build())
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    // Sparse (only QUEUED and RUNNING jobs carry unfinishedShard), keys only: jobs that stopped moving, oldest first.
    private GlobalSecondaryIndex unfinishedIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(names.tables().jobsUnfinishedIndex())
                .keySchema(
                        KeySchemaElement.builder().attributeName("unfinishedShard").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("updatedAt").keyType(KeyType.RANGE).build())
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                .build();
    }

    // Sparse (only QUEUED jobs carry queuedTenant), keys only: the tenant's backlog, counted before an upload is taken.
    private GlobalSecondaryIndex queuedIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(names.tables().jobsQueuedIndex())
                .keySchema(KeySchemaElement.builder().attributeName("queuedTenant").keyType(KeyType.HASH).build())
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                .build();
    }

    /**
     * Presigned uploads still awaited (pk rawKey): every one on byExpiry (one partition, sorted by when its URL
     * expires: the pending-upload check walks it) and, keys only, by tenant (the per-tenant cap counts there).
     */
    private void ensureUploadsTable() {
        String table = names.tables().uploads();
        create(table, () -> dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("rawKey"), attribute("tenant"), attribute("expiryShard"), attribute("expiry"))
                .keySchema(KeySchemaElement.builder().attributeName("rawKey").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(uploadsByExpiryIndex(), uploadsByTenantIndex())));
        var existing = indexesOf(table);
        addIfMissing(table, "rawKey", existing, uploadsByExpiryIndex(), attribute("expiryShard"), attribute("expiry"));
        addIfMissing(table, "rawKey", existing, uploadsByTenantIndex(), attribute("tenant"), attribute("expiry"));
    }

    private GlobalSecondaryIndex uploadsByExpiryIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(names.tables().uploadsByExpiryIndex())
                .keySchema(
                        KeySchemaElement.builder().attributeName("expiryShard").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("expiry").keyType(KeyType.RANGE).build())
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    private GlobalSecondaryIndex uploadsByTenantIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(names.tables().uploadsByTenantIndex())
                .keySchema(
                        KeySchemaElement.builder().attributeName("tenant").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("expiry").keyType(KeyType.RANGE).build())
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                .build();
    }

    // Endpoints by id, and a tenant's endpoints through byTenant (declared at creation: no GSI is added later).
    private void ensureWebhooksTable() {
        String table = names.tables().webhooks();
        create(table, () -> dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("webhookId"), attribute("tenant"))
                .keySchema(KeySchemaElement.builder().attributeName("webhookId").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(names.tables().webhooksByTenantIndex())
                        .keySchema(KeySchemaElement.builder().attributeName("tenant").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())));
    }

    // One endpoint's deliveries, newest last by deliveryId (time-ordered); expiresAt is the TTL attribute.
    private void ensureDeliveriesTable() {
        String table = names.tables().webhookDeliveries();
        create(table, () -> dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("webhookId"), attribute("deliveryId"))
                .keySchema(
                        KeySchemaElement.builder().attributeName("webhookId").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("deliveryId").keyType(KeyType.RANGE).build())));
        enableTtl(table, "expiresAt");
    }

    private void ensureIdempotencyTable() {
        String table = names.tables().idempotency();
        ensureTable(table, "tenantKey");
        enableTtl(table, "expiresAt");
    }

    private void enableTtl(String table, String attribute) {
        try {
            dynamo.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
        } catch (DynamoDbException alreadyOnOrUnsupported) {
            // TTL only tidies up: the application ignores expired items itself.
            log.debug("TTL on {} not changed: {}", table, alreadyOnOrUnsupported.getMessage());
        }
    }

    private void ensureTable(String table, String hashKey) {
        create(table, () -> dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(hashKey))
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())));
    }

    private void create(String table, Runnable createTable) {
        if (dynamo.listTables().tableNames().contains(table)) {
            return;
        }
        try {
            createTable.run();
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
            log.info("created table {}", table);
        } catch (ResourceInUseException raced) {
            // Another instance created it first.
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
