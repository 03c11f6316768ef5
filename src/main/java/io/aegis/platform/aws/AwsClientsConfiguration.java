package io.aegis.platform.aws;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients every route and store shares. Camel's aws2 components autowire them, so the same
 * code talks to the embedded servers or to real AWS depending only on {@link AwsEndpoints}.
 */
@Configuration(proxyBeanMethods = false)
public class AwsClientsConfiguration {

    @Bean
    AwsEndpoints awsEndpoints(AwsProperties aws, EmbeddedAwsProperties embedded) {
        if (!aws.embedded()) {
            return AwsEndpoints.external(aws);
        }
        EmbeddedAwsServers servers = EmbeddedAwsStarter.await(embedded);
        return AwsEndpoints.embedded(aws, embedded, servers);
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(AwsEndpoints endpoints) {
        var builder = S3Client.builder()
                // Emulators (and MinIO) only understand path-style bucket addressing.
                .forcePathStyle(endpoints.s3() != null);
        return configure(builder, endpoints, endpoints.s3()).build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(AwsEndpoints endpoints) {
        var builder = S3Presigner.builder()
                .region(Region.of(endpoints.region()))
                .credentialsProvider(credentials(endpoints))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(endpoints.s3() != null).build());
        if (endpoints.s3() != null) {
            builder.endpointOverride(URI.create(endpoints.s3()));
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(AwsEndpoints endpoints) {
        return configure(SqsClient.builder(), endpoints, endpoints.sqs()).build();
    }

    @Bean(destroyMethod = "close")
    SnsClient snsClient(AwsEndpoints endpoints) {
        return configure(SnsClient.builder(), endpoints, endpoints.sns()).build();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsEndpoints endpoints) {
        return configure(DynamoDbClient.builder(), endpoints, endpoints.dynamodb()).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsEndpoints endpoints, String endpoint) {
        builder.region(Region.of(endpoints.region())).credentialsProvider(credentials(endpoints))
                .overrideConfiguration(c -> {
                    c.retryStrategy(r -> r.maxAttempts(endpoints.maxAttempts()));
                    if (endpoints.callLog() != null) {
                        c.addExecutionInterceptor(new AwsCallRecorder(endpoints.callLog()));
                    }
                });
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    private static AwsCredentialsProvider credentials(AwsEndpoints endpoints) {
        if (endpoints.accessKey() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.accessKey(), endpoints.secretKey()));
    }
}
