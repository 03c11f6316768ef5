package io.aegis.platform.aws;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Ports, credentials and storage of the embedded S3, SQS and DynamoDB servers. S3 (S3Proxy) and SQS (ElasticMQ) run
 * in-process; DynamoDB is dynalite, run by {@code node} from {@code dynamodbServer} (the repository's
 * {@code embedded-dynamodb/server.js}, relative to the working directory unless absolute) as a child process.
 * {@code sqsInMemory} / {@code dynamodbInMemory}: keep queues / tables in memory instead of under {@code dataDir}
 * (tests). {@code s3CorsOrigins}: the web origins (exact, e.g. {@code http://localhost:8080}) whose pages may PUT to
 * presigned upload URLs and GET presigned downloads on the embedded S3 from a browser.
 */
@ConfigurationProperties("aegis.embedded")
public record EmbeddedAwsProperties(
        Path dataDir,
        String bindAddress,
        int s3Port,
        int sqsPort,
        int dynamodbPort,
        boolean sqsInMemory,
        boolean dynamodbInMemory,
        String node,
        Path dynamodbServer,
        String accessKey,
        String secretKey,
        List<String> s3CorsOrigins) {

    public EmbeddedAwsProperties {
        node = node == null || node.isBlank() ? "node" : node;
        dynamodbServer = dynamodbServer == null ? Path.of("embedded-dynamodb", "server.js") : dynamodbServer;
        s3CorsOrigins = s3CorsOrigins == null ? List.of() : List.copyOf(s3CorsOrigins);
    }
}
