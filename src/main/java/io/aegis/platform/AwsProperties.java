package io.aegis.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the AWS services are: embedded in-process servers by default, real AWS or any endpoint otherwise. */
@ConfigurationProperties("aegis.aws")
public record AwsProperties(
        boolean embedded,
        String region,
        String s3Endpoint,
        String sqsEndpoint,
        String dynamodbEndpoint,
        String accessKey,
        String secretKey,
        boolean createResources,
        int maxAttempts) {

    public AwsProperties {
        // The SDK's own default is 3 (9 for DynamoDB): seconds of retries before an outage is even noticed.
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
    }

    public boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank();
    }
}
