package io.aegis.platform.aws;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the AWS services are: embedded in-process servers by default, real AWS or any endpoint otherwise.
 *
 * @param accountId the account that owns the queues: SQS endpoints then name their queue's owner instead of
 *                  listing every queue at start-up (sqs:ListQueues, which no role is granted)
 * @param callLog   test only (make aws-e2e): append every AWS call this process makes to this file, so each can
 *                  be checked against the role's IAM policy; blank = off
 */
@ConfigurationProperties("aegis.aws")
public record AwsProperties(
        boolean embedded,
        String region,
        String s3Endpoint,
        String sqsEndpoint,
        String dynamodbEndpoint,
        String snsEndpoint,
        String accessKey,
        String secretKey,
        boolean createResources,
        int maxAttempts,
        String accountId,
        java.nio.file.Path callLog) {

    public AwsProperties {
        // The SDK's own default is 3 (9 for DynamoDB): seconds of retries before an outage is even noticed.
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
    }

    public boolean hasAccountId() {
        return accountId != null && !accountId.isBlank();
    }

    public boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank();
    }
}
