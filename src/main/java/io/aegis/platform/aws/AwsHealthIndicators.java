package io.aegis.platform.aws;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Reachability of S3, SQS and DynamoDB for {@code /actuator/health} (the readiness group): one cheap call
 * each, on the resources Aegis uses, with a short timeout so a dead endpoint cannot hang the probe.
 */
@Configuration(proxyBeanMethods = false)
public class AwsHealthIndicators {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    HealthIndicator s3(S3Client s3, ResourceNames names) {
        return () -> probe("bucket " + names.buckets().raw(), () -> s3.headBucket(b -> b.bucket(names.buckets().raw())
                .overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT))));
    }

    @Bean
    HealthIndicator sqs(SqsClient sqs, ResourceNames names) {
        return () -> probe("queue " + names.queues().jobs(), () -> sqs.getQueueUrl(b -> b.queueName(names.queues().jobs())
                .overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT))));
    }

    @Bean
    HealthIndicator dynamodb(DynamoDbClient dynamo, ResourceNames names) {
        return () -> probe("table " + names.tables().jobs(), () -> dynamo.describeTable(b -> b.tableName(names.tables().jobs())
                .overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT))));
    }

    private static Health probe(String resource, Supplier<?> call) {
        try {
            call.get();
            return Health.up().withDetail("resource", resource).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("resource", resource).withDetail("error", e.getClass().getSimpleName()
                    + ": " + e.getMessage()).build();
        }
    }
}
