package io.aegis.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Ports, credentials and storage of the in-process S3, SQS and DynamoDB servers. */
@ConfigurationProperties("aegis.embedded")
public record EmbeddedAwsProperties(
        Path dataDir,
        String bindAddress,
        int s3Port,
        int sqsPort,
        int dynamodbPort,
        boolean dynamodbInMemory,
        String accessKey,
        String secretKey) {
}
